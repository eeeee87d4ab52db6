package io.dqgate.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule files a person (or an attacker) may hand to {@code ./dqgate lint} or {@code
 * spark.dqgate.rules}: each is rejected with exit code 2 and a message naming the file, the place
 * and the fix, within a bounded time, and never with a stack trace. The same file through {@link
 * RuleParser#load} throws {@link RuleFileException} with the same message.
 */
class BadInputCorpusTest {
  private static final Duration BOUND = Duration.ofSeconds(20);

  @TempDir static Path dir;

  private static String valid(String checks) {
    return "datasets:\n  - name: orders\n    match: {path: out/orders}\n    checks:\n" + checks;
  }

  private static Arguments text(String name, String content, String expected) {
    return Arguments.of(name, content.getBytes(StandardCharsets.UTF_8), expected);
  }

  private static Arguments bytes(String name, byte[] content, String expected) {
    return Arguments.of(name, content, expected);
  }

  static Stream<Arguments> corpus() {
    List<Arguments> c = new ArrayList<>();
    // Malformed YAML and JSON
    c.add(text("unclosed.yaml", "datasets: [a, b\n", "is never closed"));
    c.add(text("unclosed-map.yaml", "datasets:\n  - {name: a\n", "is not valid YAML"));
    c.add(text("tab.yaml", "datasets:\n\t- name: a\n", "indent with spaces"));
    c.add(text("at.yaml", "datasets: @x\n", "cannot start with \"@\""));
    c.add(text("two-docs.yaml", "datasets: []\n---\ndatasets: []\n", "only one document"));
    c.add(text("bad.json", "{\"datasets\": [}\n", "is not valid JSON"));
    c.add(text("unclosed.json", "{\"datasets\": [\n", "is never closed"));
    c.add(text("trailing-comma.json", "{\"datasets\": [],}\n", "is not valid JSON"));
    c.add(text("word.json", "{\"datasets\": nope}\n", "is not valid JSON"));
    c.add(text("scalar-root.yaml", "just text\n", "mapping"));
    c.add(text("list-root.yaml", "- a\n- b\n", "mapping"));
    // Deeply nested and very large documents, huge lines
    c.add(
        text(
            "deep-flow.yaml",
            "datasets: " + "[".repeat(20000) + "]".repeat(20000),
            "more than 64 levels deep"));
    c.add(
        text(
            "deep-map.yaml",
            "datasets: " + "{a: ".repeat(20000) + "}".repeat(20000),
            "more than 64 levels deep"));
    c.add(
        text(
            "deep.json",
            "{\"datasets\": " + "[".repeat(20000) + "]".repeat(20000) + "}",
            "more than 64 levels deep"));
    c.add(text("deep-block.yaml", deepBlock(300), "more than 64 levels deep"));
    c.add(
        text(
            "huge.yaml",
            valid("      - not_null: {column: a}\n".repeat(200_000)),
            "more than the 1 MiB"));
    c.add(
        text(
            "huge-line.yaml",
            "datasets: [" + "a,".repeat(1_000_000) + "a]\n",
            "more than the 1 MiB"));
    c.add(text("many-rules.yaml", manyRules(10_001), "10001 rules, more than the 10000"));
    // Binary and non-UTF-8
    c.add(bytes("binary.yaml", new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe, 0, 7}, "UTF-8"));
    c.add(
        bytes(
            "latin1.yaml",
            "datasets: [caf\u00e9]\n".getBytes(StandardCharsets.ISO_8859_1),
            "UTF-8"));
    c.add(bytes("utf16.yaml", "datasets: []\n".getBytes(StandardCharsets.UTF_16), "UTF-8"));
    c.add(text("nul.yaml", "datasets: [\u0000]\n", "YAML"));
    c.add(text("control.yaml", "datasets:\n  - name: \u0007\n", "YAML"));
    // Anchors, aliases, bombs, tags
    c.add(text("billion-laughs.yaml", billionLaughs(), "aliases (\"*a0\") are not supported"));
    c.add(
        text(
            "alias-unknown.yaml",
            "datasets: *nothing\n",
            "aliases (\"*nothing\") are not supported"));
    c.add(text("anchor-alias.yaml", "x: &d {name: a}\ndatasets: [*d]\n", "aliases (\"*d\")"));
    c.add(
        text(
            "java-tag.yaml",
            "datasets: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n",
            "javax.script.ScriptEngineManager\") are not supported in rule files: remove the tag"));
    c.add(
        text(
            "custom-tag.yaml",
            "datasets: !foo [a]\n",
            "YAML tags (here \"foo\") are not supported"));
    c.add(text("merge-key.yaml", "datasets:\n  - <<: {name: a}\n    match: {path: x}\n", "<<"));
    // Duplicate, unknown, wrong-typed keys
    c.add(
        text(
            "dup-key.yaml",
            valid("      - not_null: {column: a, column: b}\n"),
            "duplicate key \"column\""));
    c.add(
        text(
            "dup-key.json",
            "{\"datasets\": [], \"datasets\": []}\n",
            "duplicate key \"datasets\""));
    c.add(text("unknown-top.yaml", "datasets: []\nextra: 1\n", "extra"));
    c.add(text("unknown-check.yaml", valid("      - not_nul: {column: a}\n"), "not_nul"));
    c.add(
        text("unknown-key.yaml", valid("      - not_null: {column: a, colour: red}\n"), "colour"));
    c.add(text("wrong-type-column.yaml", valid("      - not_null: {column: [a]}\n"), "column"));
    c.add(
        text(
            "wrong-type-limit.yaml",
            valid("      - not_null: {column: a, max_fraction: lots}\n"),
            "max_fraction"));
    c.add(
        text(
            "negative-limit.yaml",
            valid("      - not_null: {column: a, max_count: -1}\n"),
            "max_count"));
    c.add(text("nan-limit.yaml", valid("      - range: {column: a, min: .nan}\n"), "min"));
    c.add(text("datasets-map.yaml", "datasets: {a: 1}\n", "list"));
    c.add(
        text(
            "checks-scalar.yaml",
            "datasets:\n  - name: a\n    match: {path: x}\n    checks: 5\n",
            "checks"));
    c.add(
        text(
            "huge-number.yaml",
            valid("      - not_null: {column: a, max_count: 1" + "0".repeat(5000) + "}\n"),
            "…\""));
    // Empty things
    c.add(text("empty.yaml", "", "the file is empty"));
    c.add(text("blank.yaml", "\n\n   \n", "the file is empty"));
    c.add(text("comment.yaml", "# nothing here\n", "the file is empty"));
    c.add(text("empty.json", "", "the file is empty"));
    c.add(text("null-root.yaml", "~\n", "mapping"));
    return c.stream();
  }

  private static String deepBlock(int depth) {
    StringBuilder b = new StringBuilder("datasets:\n");
    for (int i = 0; i < depth; i++) {
      b.append("  ".repeat(i + 1)).append("- \n");
    }
    return b.toString();
  }

  private static String manyRules(int n) {
    StringBuilder b =
        new StringBuilder(
            "datasets:\n  - name: orders\n    match: {path: out/orders}\n    checks:\n");
    for (int i = 0; i < n; i++) {
      b.append("      - not_null: {column: c").append(i).append("}\n");
    }
    return b.toString();
  }

  private static String billionLaughs() {
    StringBuilder b = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      String p = "*a" + (i - 1);
      b.append("a")
          .append(i)
          .append(": &a")
          .append(i)
          .append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(9, p)))
          .append("]\n");
    }
    b.append("datasets: *a9\n");
    return b.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void isRejectedWithAMessageAndExitCode2(String name, byte[] content, String expected)
      throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, content);
    String[] printed = lint(file);
    String err = printed[1];
    assertEquals("2", printed[2], () -> name + ": " + err);
    assertTrue(err.startsWith(file.toString() + ":"), () -> name + ": " + err);
    assertTrue(err.contains(expected), () -> name + " should say \"" + expected + "\": " + err);
    noStackTrace(err);
    RuleFileException thrown =
        org.junit.jupiter.api.Assertions.assertThrows(
            RuleFileException.class, () -> RuleParser.load(List.of(file)));
    assertTrue(thrown.getMessage().contains(expected), thrown.getMessage());
  }

  @org.junit.jupiter.api.Test
  void aDirectoryAMissingPathAndAnUnreadableFileAreNamed() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("a-directory.yaml"));
    Path missing = dir.resolve("missing.yaml");
    Path locked = dir.resolve("locked.yaml");
    Files.writeString(locked, "datasets: []\n");
    boolean canLock = locked.toFile().setReadable(false) && !Files.isReadable(locked);
    for (Path[] c :
        new Path[][] {
          {folder, null}, {missing, null}, canLock ? new Path[] {locked, null} : new Path[0]
        }) {
      if (c.length == 0) {
        continue;
      }
      String[] printed = lint(c[0]);
      String expected =
          c[0] == folder
              ? "it is a directory"
              : c[0] == missing ? "it does not exist" : "permission is denied";
      assertEquals("2", printed[2], printed[1]);
      assertTrue(
          printed[1].startsWith(
              c[0]
                  + ": cannot read the rule file because "
                  + expected
                  + ": check the path given to spark.dqgate.rules or ./dqgate lint"),
          printed[1]);
      noStackTrace(printed[1]);
      RuleFileException thrown =
          org.junit.jupiter.api.Assertions.assertThrows(
              RuleFileException.class, () -> RuleParser.load(List.of(c[0])));
      assertTrue(thrown.getMessage().contains(expected), thrown.getMessage());
    }
    Assumptions.assumeTrue(canLock, "running as root: an unreadable file cannot be made");
  }

  static String[] lint(Path... files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        assertTimeoutPreemptively(
            BOUND,
            () ->
                Lint.run(
                    Stream.of(files).map(Path::toString).toList(),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)));
    return new String[] {
      out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), "" + code
    };
  }

  static void noStackTrace(String text) {
    assertFalse(text.contains("\tat "), () -> "stack trace printed: " + text);
    assertFalse(text.contains("Exception:"), () -> "exception printed: " + text);
    assertFalse(text.contains("Error:"), () -> "error printed: " + text);
    assertTrue(text.length() < 4000, () -> "message too long: " + text.length());
  }
}
