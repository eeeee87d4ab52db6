package io.dqgate.rules;

import static io.dqgate.rules.RuleTesting.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not rule files at all: bad syntax, duplicate keys, empty, missing, unreadable. */
class FileProblemsTest {

  @Test
  void anUnclosedBracketIsReportedWhereItShouldHaveClosed() {
    assertEquals(
        List.of(
            "r.yaml:4:11: the file is not valid YAML: the mapping opened with \"{\" at line 3, column 12 is not"
                + " closed before this: add the missing \"}\", or a \",\" between its items"),
        problems(
            """
            datasets:
              - name: a
                match: {path: x
                checks: []
            """));
  }

  @Test
  void anUnclosedQuoteIsReportedWhereItOpens() {
    assertEquals(
        List.of(
            "r.yaml:3:19: the file is not valid YAML: the quoted text that starts here is never closed: add the"
                + " missing quote"),
        problems("datasets:\n  - name: a\n    match: {path: \"x}\n"));
    assertEquals(
        List.of(
            "r.yaml:1:11: the file is not valid YAML: the list opened with \"[\" here is never closed: add the missing \"]\""),
        problems("datasets: [a, b\n"));
  }

  @Test
  void badIndentationTabsAndColonsInText() {
    assertEquals(
        List.of(
            "r.yaml:5:6: the file is not valid YAML: the indentation here does not fit the block at line 2,"
                + " column 5: start the keys of one mapping, and the \"- \" of one list, in the same column"),
        problems("datasets:\n  - name: a\n    match:\n      path: x\n     checks: []\n"));
    assertEquals(
        List.of(
            "r.yaml:2:1: the file is not valid YAML: a tab is used for indentation here: indent with spaces"),
        problems("datasets:\n\t- name: a\n"));
    assertEquals(
        List.of(
            "r.yaml:1:11: the file is not valid YAML: a value cannot start with \"@\": put it in quotes"),
        problems("datasets: @orders\n"));
    assertEquals(
        List.of(
            "r.yaml:7:30: the file is not valid YAML: a \": \" here cannot start a mapping: fix the indentation,"
                + " or quote text that contains \": \""),
        problems(
            """
            datasets:
              - name: a
                match: {view: v}
                checks:
                  - not_null:
                      column: id
                      description: The id: must be set
            """));
  }

  @Test
  void badJson() {
    assertEquals(
        List.of(
            "r.json:1:29: the file is not valid JSON: Unexpected character (']' (code 93)): expected a valid value"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false'): check the commas, quotes"
                + " and brackets"),
        problems("r.json", "{\"datasets\": [{\"name\": \"a\"},]}"));
    assertEquals(
        List.of(
            "r.json:1:14: the file is not valid JSON: the list opened with \"[\" here is never closed: add the missing \"]\""),
        problems("r.json", "{\"datasets\": [{\"name\": \"a\",\n \"b\": 1}"));
    assertEquals(
        List.of(
            "r.json:1:2: the file is not valid JSON: Unexpected character (''' (code 39)): was expecting double-quote"
                + " to start field name: check the commas, quotes and brackets"),
        problems("r.json", "{'datasets': []}"));
  }

  @Test
  void duplicateKeysAreReportedAndTheRestOfTheFileIsStillChecked() {
    assertEquals(
        List.of(
            "r.yaml:3:5: duplicate key \"name\" (first at line 2): remove one of them",
            "r.yaml:4:22: duplicate key \"view\" (first at line 4): remove one of them",
            "r.yaml:6:9: unknown check \"nul_null\": did you mean \"not_null\"?"),
        problems(
            """
            datasets:
              - name: a
                name: b
                match: {view: v, view: w}
                checks:
                  - nul_null: {column: a}
            """));
    assertEquals(
        List.of("r.json:1:29: duplicate key \"name\" (first at line 1): remove one of them"),
        problems(
            "r.json",
            "{\"datasets\": [{\"name\": \"a\", \"name\": \"b\", \"match\": {\"view\": \"v\"},"
                + " \"checks\": [{\"row_count\": {\"min\": 1}}]}]}"));
  }

  @Test
  void emptyFiles() {
    assertEquals(
        List.of(
            "r.yaml:1:1: the file is empty: a rule file needs a \"datasets:\" list (see docs/rules.md)"),
        problems(""));
    assertEquals(
        List.of(
            "r.yaml:1:1: the file is empty: a rule file needs a \"datasets:\" list (see docs/rules.md)"),
        problems("# rules for orders, to be written\n\n"));
  }

  @Test
  void oneDocumentPerFile() {
    assertEquals(
        List.of(
            "r.yaml:6:1: only one document per rule file is supported: remove the extra \"---\" document"),
        problems(
            """
            datasets:
              - name: a
                match: {view: v}
                checks: [{row_count: {min: 1}}]
            ---
            datasets: []
            """));
  }

  @Test
  void missingDirectoryAndNonUtf8FilesCannotBeRead(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("missing.yaml");
    Path binary =
        Files.write(dir.resolve("binary.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x41});
    RuleFileException e =
        assertThrows(RuleFileException.class, () -> RuleParser.load(List.of(missing, dir, binary)));
    assertEquals(
        List.of(
            missing
                + ": cannot read the rule file because it does not exist: check the path given to"
                + " spark.dqgate.rules or ./dqgate lint",
            dir
                + ": cannot read the rule file because it is a directory: check the path given to"
                + " spark.dqgate.rules or ./dqgate lint",
            binary
                + ": cannot read the rule file because it is not UTF-8 text: check the path given to"
                + " spark.dqgate.rules or ./dqgate lint"),
        e.problems().stream().map(RuleProblem::toString).toList());
  }

  @Test
  void loadReportsTheProblemsOfEveryFileTogether(@TempDir Path dir) throws IOException {
    Path good =
        write(
            dir,
            "good.yaml",
            "datasets:\n  - name: a\n    match: {view: a}\n    checks: [{row_count: {min: 1}}]\n");
    Path bad1 = write(dir, "bad1.yaml", "datasets: []\n");
    Path bad2 = write(dir, "bad2.json", "{\"datasets\": 5}");
    RuleFileException e =
        assertThrows(RuleFileException.class, () -> RuleParser.load(List.of(good, bad1, bad2)));
    assertEquals(
        List.of(
            bad1 + ":1:1: \"datasets\" is empty: add at least one dataset block with its checks",
            bad2
                + ":1:14: \"datasets\" must be a list of dataset blocks (each starting with \"- name:\"), not the number 5"),
        e.problems().stream().map(RuleProblem::toString).toList());
    assertEquals(
        "Cannot use the rule files because of 2 problems:\n  "
            + bad1
            + ":1:1: \"datasets\" is empty: add at least one dataset block with its checks\n  "
            + bad2
            + ":1:14: \"datasets\" must be a list of dataset blocks (each starting with \"- name:\"), not the number 5\n"
            + "Fix the lines above (the rule language is described in docs/rules.md) and run `./dqgate lint` on the"
            + " file to check it.",
        e.getMessage());
    assertEquals(1, RuleParser.load(List.of(good)).datasets().size());
  }

  static Path write(Path dir, String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }
}
