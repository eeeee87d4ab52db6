package io.dqgate.rules;

import static io.dqgate.rules.LintTest.lint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md stays true: its examples parse, it covers every check and key, its lint samples are
 * real.
 */
class DocsTest {
  private static final Path DOC = Path.of("../docs/rules.md");
  private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w+)\\n(.*?)^```$");

  private static String doc() throws IOException {
    return Files.readString(DOC);
  }

  private static List<String> blocks(String language) throws IOException {
    List<String> blocks = new ArrayList<>();
    Matcher m = FENCE.matcher(doc());
    while (m.find()) {
      if (m.group(1).equals(language)) {
        blocks.add(m.group(2));
      }
    }
    return blocks;
  }

  @Test
  void everyYamlExampleParses() throws IOException {
    List<String> blocks = blocks("yaml");
    int checks = Lexicon.CHECK_KEYS.size() + Lexicon.DIAGNOSTIC_KEYS.size();
    assertTrue(
        blocks.size() > checks, "expected an example per check and more, found " + blocks.size());
    for (String block : blocks) {
      String file = asFile(block);
      try {
        RuleFile parsed = RuleParser.parse("docs/rules.md example", file);
        assertTrue(parsed.ruleCount() > 0, block);
      } catch (RuleFileException e) {
        fail("this example of docs/rules.md does not parse:\n" + block + "\n" + e.getMessage());
      }
    }
  }

  /** A whole file as is; a list of rules, or a {@code match:}, inside a dataset block. */
  static String asFile(String block) {
    List<String> lines = block.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    if (lines.stream().anyMatch(l -> l.startsWith("datasets:"))) {
      return block;
    }
    String first = lines.get(0);
    if (first.startsWith("match:")) {
      return "datasets:\n  - name: doc\n"
          + indent(block, 4)
          + "    checks: [{row_count: {min: 1}}]\n";
    }
    if (first.startsWith("- ")) {
      String keyword = first.substring(2).split(":")[0];
      String list = Lexicon.DIAGNOSTIC_KEYS.containsKey(keyword) ? "diagnostics" : "checks";
      return "datasets:\n  - name: doc\n    match: {view: doc}\n    "
          + list
          + ":\n"
          + indent(block, 6);
    }
    throw new AssertionError(
        "an example in docs/rules.md is neither a file, a rule list nor a match:\n" + block);
  }

  private static String indent(String block, int spaces) {
    return block.lines().map(l -> " ".repeat(spaces) + l + "\n").collect(Collectors.joining());
  }

  @Test
  void everyCheckAndDiagnosticHasASectionNamingAllItsKeys() throws IOException {
    String doc = doc();
    for (Map<String, List<String>> kind : List.of(Lexicon.CHECK_KEYS, Lexicon.DIAGNOSTIC_KEYS)) {
      for (var check : kind.entrySet()) {
        int start = doc.indexOf("### `" + check.getKey() + "`");
        assertTrue(start >= 0, "no section for " + check.getKey());
        int end = doc.indexOf("\n#", start + 4);
        String section = doc.substring(start, end < 0 ? doc.length() : end);
        for (String key : check.getValue()) {
          assertTrue(
              section.contains("`" + key + "`")
                  || Lexicon.LIMIT_KEYS.contains(key)
                      && section.contains("`max_count`, `max_fraction`"),
              "the section of " + check.getKey() + " does not name its key " + key);
        }
        assertTrue(
            section.contains("```yaml\n- " + check.getKey()), "no example of " + check.getKey());
      }
    }
  }

  @Test
  void theLintSamplesAreWhatLintPrints() throws IOException {
    int samples = 0;
    for (String block : blocks("text")) {
      if (!block.startsWith("$ ./dqgate lint ")) {
        continue;
      }
      samples++;
      List<String> lines = block.lines().toList();
      String file = lines.get(0).substring("$ ./dqgate lint ".length());
      LintTest.Result result = lint(List.of("../" + file));
      String printed = (result.out() + result.err()).replace("../" + file, file);
      assertEquals(String.join("\n", lines.subList(1, lines.size())) + "\n", printed);
    }
    assertEquals(2, samples);
  }
}
