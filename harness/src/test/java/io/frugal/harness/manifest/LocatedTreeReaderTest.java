package io.frugal.harness.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocatedTreeReaderTest {
    private final List<ManifestProblem> problems = new ArrayList<>();

    private LocatedDocument parse(String name, String text) {
        return LocatedTreeReader.parse(text.getBytes(StandardCharsets.UTF_8), name, LocatedTreeReader.factoryFor(name), problems);
    }

    @Test
    void yamlMembersAreLocatedAtTheirKeyAndListElementsWhereTheyStart() {
        LocatedDocument d = parse("m.yaml", "name: x\ndefaults:\n  model: {width: 0.5}\nseeds: [1, 22]\nlist:\n  - a\n  - {k: 1}\n");
        assertThat(problems).isEmpty();
        assertThat(d.locate("/name")).isEqualTo(new SourceLocation("m.yaml", 1, 1));
        assertThat(d.locate("/defaults/model")).isEqualTo(new SourceLocation("m.yaml", 3, 3));
        assertThat(d.locate("/defaults/model/width")).isEqualTo(new SourceLocation("m.yaml", 3, 11));
        assertThat(d.locate("/seeds/1")).isEqualTo(new SourceLocation("m.yaml", 4, 12));
        assertThat(d.locate("/list/1/k")).isEqualTo(new SourceLocation("m.yaml", 7, 6));
        // an absent value is located at its nearest written ancestor
        assertThat(d.locate("/defaults/model/name")).isEqualTo(new SourceLocation("m.yaml", 3, 3));
    }

    @Test
    void jsonIsLocatedTheSameWay() {
        LocatedDocument d = parse("m.json", "{\n  \"a\": {\"b\": [10, 20]}\n}\n");
        assertThat(problems).isEmpty();
        assertThat(d.locate("/a")).isEqualTo(new SourceLocation("m.json", 2, 3));
        assertThat(d.locate("/a/b/1")).isEqualTo(new SourceLocation("m.json", 2, 19));
        assertThat(d.root().at("/a/b/1").intValue()).isEqualTo(20);
    }

    @Test
    void duplicateKeysAreProblemsAtTheSecondKeyAndTheFirstValueIsKept() {
        LocatedDocument d = parse("m.yaml", "a: 1\nb:\n  c: 2\n  c: 3\n");
        assertThat(problems).extracting(Object::toString).containsExactly("m.yaml:4:3: /b/c: duplicate key 'c' (first at line 3)");
        assertThat(d.root().at("/b/c").intValue()).isEqualTo(2);
    }

    @Test
    void yamlSyntaxErrorsBecomeOneLineProblemsWithTheirPlace() {
        assertThat(parse("m.yaml", "a: 1\n  b: 2\n")).isNull();
        assertThat(problems).extracting(Object::toString).containsExactly("m.yaml:2:4: /: syntax error: mapping values are not allowed here");
    }

    @Test
    void jsonSyntaxErrorsBecomeProblemsWithTheirPlace() {
        assertThat(parse("m.json", "{\"a\": 1,\n}")).isNull();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).toString()).startsWith("m.json:2:1: /: syntax error: Unexpected character ('}'");
    }

    @Test
    void aliasesEmptyFilesAndSecondDocumentsAreRefused() {
        parse("a.yaml", "x: &v 1\ny: *v\n");
        parse("b.yaml", "");
        parse("c.yaml", "a: 1\n---\nb: 2\n");
        parse("d.json", "{\"a\": 1e400}");
        assertThat(problems).extracting(Object::toString).containsExactly(
                "a.yaml:2:4: /y: YAML aliases (*v) are not supported; write the value out",
                "b.yaml:1:1: /: is empty",
                "c.yaml:3:1: /: has more than one document; write a single one",
                "d.json:1:7: /a: must be a finite number, got 1e400");
    }

    @Test
    void numbersKeepTheirValueWhateverTheSpelling() {
        LocatedDocument d = parse("m.yaml", "a: 1e-3\nb: 1.0e-3\nc: 0.001\nd: 7\ne: 10000000000\n");
        assertThat(d.root().get("a").doubleValue()).isEqualTo(0.001);
        assertThat(d.root().get("b").doubleValue()).isEqualTo(0.001);
        assertThat(d.root().get("c").doubleValue()).isEqualTo(0.001);
        assertThat(d.root().get("d").isInt()).isTrue();
        assertThat(d.root().get("e").longValue()).isEqualTo(10_000_000_000L);
    }
}
