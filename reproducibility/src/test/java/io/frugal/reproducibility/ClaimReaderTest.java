package io.frugal.reproducibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.frugal.core.BadInputException;
import io.frugal.reproducibility.claims.Claim;
import io.frugal.reproducibility.claims.ClaimKind;
import io.frugal.reproducibility.claims.ClaimReader;
import io.frugal.reproducibility.claims.ClaimSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimReaderTest {
    @Test
    void builtInClaimsOfAllThreePapersParse() {
        List<ClaimSet> sets = ClaimReader.builtIn();
        assertThat(sets).extracting(ClaimSet::paper).containsExactly("data-reduction", "flow", "rela");
        ClaimSet dr = sets.get(0);
        // the spec's numbers: E7 on MNIST +0.018 pp, E9 on CIFAR-10 -0.507 pp, E2's evaluation ratio 0.625
        Claim e7 = byId(dr, "accuracy-step-E7-mnist");
        assertThat(e7.kind()).isEqualTo(ClaimKind.DIFFERENCE);
        assertThat(e7.paper().mean()).isEqualTo(0.00018);
        assertThat(e7.cells().datasets()).contains("mnist", "fashion-mnist");
        assertThat(byId(dr, "accuracy-step-E9-cifar10").paper().mean()).isEqualTo(-0.00507);
        assertThat(byId(dr, "evaluations-step-E2").paper().mean()).isEqualTo(0.625);
        assertThat(byId(dr, "evaluations-cut-E8").paper().mean()).isEqualTo(10.0 / 18);
        assertThat(byId(dr, "carbon-follows-evaluations").quantity()).isEqualTo("co2_kg");
        assertThat(byId(sets.get(1), "dilated-p-hat-tracks-p").quantity()).isEqualTo("p_hat");
        assertThat(byId(sets.get(2), "rela-beats-byol-at-equal-budget").quantity()).isEqualTo("probe_top1");
    }

    @Test
    void problemsAreReportedWithFileLineColumnAndPointer() {
        String yaml = """
                paper: x
                title: t
                source: s
                claims:
                  - id: a
                    kind: value
                    statement: s
                    quantity: q
                    unit: u
                    tolerance: -1
                    source: table
                    cells: {experiment: e}
                    paper: 1
                    colour: red
                  - id: a
                    kind: wobble
                    statement: s
                    quantity: q
                    unit: u
                    tolerance: 0.1
                    source: hearsay
                    cells: {experiment: e}
                """;
        assertThatThrownBy(() -> ClaimReader.read(yaml, "c.yaml")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("c.yaml:10:5: /claims/0/tolerance: must be ≥ 0")
                .hasMessageContaining("c.yaml:14:5: /claims/0/colour: unknown key 'colour'")
                .hasMessageContaining("/claims/1/kind: unknown kind 'wobble'")
                .hasMessageContaining("/claims/1/source: unknown source 'hearsay'");
    }

    @Test
    void kindParametersAreRequired() {
        String yaml = """
                paper: x
                title: t
                source: s
                claims:
                  - {id: o, kind: ordering, statement: s, quantity: q, unit: u, tolerance: 0, source: text, cells: {experiment: e}}
                  - {id: t, kind: trend, statement: s, quantity: q, unit: u, tolerance: 0, source: text, cells: {experiment: e}, direction: any}
                  - {id: o, kind: value, statement: s, quantity: q, unit: u, tolerance: 0, source: text, cells: {experiment: e}, paper: {mean: 1, sd: 0.1}}
                """;
        assertThatThrownBy(() -> ClaimReader.read(yaml, "c.yaml"))
                .hasMessageContaining("c.yaml:5:5: /claims/0/direction: an ordering claim needs direction")
                .hasMessageContaining("/claims/1: a trend claim needs axis")
                .hasMessageContaining("/claims/2/paper: sd and n go together");
    }

    private static Claim byId(ClaimSet set, String id) {
        return set.claims().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }
}
