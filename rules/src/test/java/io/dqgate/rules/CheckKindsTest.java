package io.dqgate.rules;

import static io.dqgate.rules.RuleTesting.withoutLocation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dqgate.rules.check.Check;
import io.dqgate.rules.check.CheckKind;
import io.dqgate.rules.check.CheckKinds;
import io.dqgate.rules.check.DataCheck;
import io.dqgate.rules.check.Diagnostic;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The registry of check kinds is complete: the compiler makes every kind plan and judge (abstract
 * methods of the sealed interfaces); this proves the rest — a descriptor per kind, unique keywords,
 * docs for every key, and printing that parses back.
 */
class CheckKindsTest {
  private static final Pattern EXAMPLE = Pattern.compile("(?ms)^```yaml\\n(- (\\w+):.*?)^```$");

  @Test
  void everyPermittedKindDeclaresItsDescriptor() {
    List<Class<?>> classes = new ArrayList<>(List.of(DataCheck.class.getPermittedSubclasses()));
    classes.addAll(List.of(Diagnostic.class.getPermittedSubclasses()));
    Set<String> keywords = new HashSet<>();
    int descriptors = 0;
    for (Class<?> kind : classes) {
      assertTrue(kind.isRecord(), kind + " is a record: rules are immutable data");
      List<CheckKind<?>> declared = new ArrayList<>();
      for (Field f : kind.getDeclaredFields()) {
        if (f.getType() == CheckKind.class) {
          assertTrue(
              Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers()),
              f.toString());
          declared.add((CheckKind<?>) get(f));
        }
      }
      assertFalse(declared.isEmpty(), kind.getSimpleName() + " declares no CheckKind KIND");
      for (CheckKind<?> k : declared) {
        assertTrue(keywords.add(k.keyword()), "keyword " + k.keyword() + " is declared twice");
        assertEquals(Diagnostic.class.isAssignableFrom(kind), k.diagnostic(), k.keyword());
        assertEquals(k, CheckKinds.of(k.keyword()));
        descriptors++;
      }
    }
    assertEquals(descriptors, CheckKinds.all().size());
    assertTrue(CheckKinds.all().stream().anyMatch(k -> k.keyword().equals("freshness")));
  }

  private static Object get(Field f) {
    try {
      return f.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyKindRoundTripsFromItsDocsExamples() throws IOException {
    String doc = Files.readString(Path.of("../docs/rules.md"));
    Set<String> covered = new HashSet<>();
    Matcher m = EXAMPLE.matcher(doc);
    while (m.find()) {
      String keyword = m.group(2);
      CheckKind<?> kind = CheckKinds.of(keyword);
      if (kind == null) {
        continue;
      }
      covered.add(keyword);
      for (Check check : rules(m.group(1), kind.diagnostic())) {
        String printed = check.toString();
        List<Check> again = rules("- " + printed + "\n", kind.diagnostic());
        assertEquals(1, again.size(), printed);
        assertEquals(printed, again.get(0).toString());
        assertEquals(
            withoutLocation(check).fields(), withoutLocation(again.get(0)).fields(), printed);
        assertEquals(check.getClass(), again.get(0).getClass());
      }
    }
    for (CheckKind<?> kind : CheckKinds.all()) {
      assertTrue(
          covered.contains(kind.keyword()), "docs/rules.md has no example of " + kind.keyword());
    }
  }

  private static List<Check> rules(String block, boolean diagnostic) {
    RuleFile file = RuleParser.parse("kinds.yaml", DocsTest.asFile(block));
    return diagnostic ? file.datasets().get(0).diagnostics() : file.datasets().get(0).checks();
  }
}
