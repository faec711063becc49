package io.frugal.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Scripts cut `frugal status` rows by column: padding by hand must print what the header's %-Ns and %Ns print. */
class StatusColumnsTest {
    @Test
    void columnsArePaddedAsTheFormatPatternPadsThem() {
        for (String text : new String[] {"", "a", "baseline", "a-name-longer-than-its-column", null}) {
            for (int width : new int[] {1, 4, 12, 16}) {
                assertThat(StatusCommand.padRight(new StringBuilder(), text, width).toString())
                        .as("%-" + width + "s of " + text).isEqualTo(String.format(Locale.ROOT, "%-" + width + "s", text));
                if (text != null) {
                    assertThat(StatusCommand.padLeft(new StringBuilder(), text, width).toString())
                            .as("%" + width + "s of " + text).isEqualTo(String.format(Locale.ROOT, "%" + width + "s", text));
                }
            }
        }
    }
}
