package io.dqgate.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and validates rule files (YAML, or JSON for files ending in {@code .json}; same model).
 *
 * <p>Validation reports every problem of a file at once, each as {@code FILE:LINE:COL: what is
 * wrong: how to fix it}, and throws {@link RuleFileException} if there is any: a rule file is used
 * whole or not at all.
 *
 * <p>The work is split by job: {@link SyntaxErrors} reads the text into a located tree, {@link
 * FileValidator} walks files, dataset blocks and rule envelopes, each check kind reads its own keys
 * through a {@link CheckReader}, and {@link RuleIds} derives ids and keeps them unique.
 */
public final class RuleParser {
  /**
   * The largest rule file read, in bytes (or characters, for text given directly): a limit that
   * protects the driver from a huge file. Documented in docs/rules.md.
   */
  public static final long MAX_FILE_BYTES = 1L << 20;

  /** The most checks and diagnostics one rule file may hold. Documented in docs/rules.md. */
  public static final int MAX_RULES = 10_000;

  private RuleParser() {}

  /**
   * Reads and parses local rule files; all problems of all files are reported together, including a
   * rule id used in two files.
   */
  public static RuleSet load(List<Path> files) {
    List<RuleProblem> problems = new ArrayList<>();
    List<RuleFile> parsed = read(files, problems);
    if (!problems.isEmpty()) {
      throw new RuleFileException(problems);
    }
    return new RuleSet(parsed);
  }

  /**
   * Puts rule files parsed one by one ({@link #parse}) together, checking what no single file can:
   * that no rule id is used in two files.
   */
  public static RuleSet combine(List<RuleFile> files) {
    List<RuleProblem> problems = RuleIds.acrossFiles(files);
    if (!problems.isEmpty()) {
      throw new RuleFileException(problems);
    }
    return new RuleSet(files);
  }

  /**
   * The valid files among {@code files}; the problems of the others, and across files, go to {@code
   * problems}.
   */
  static List<RuleFile> read(List<Path> files, List<RuleProblem> problems) {
    List<RuleFile> parsed = new ArrayList<>();
    for (Path file : files) {
      String text;
      try {
        if (Files.isRegularFile(file) && Files.size(file) > MAX_FILE_BYTES) {
          problems.add(tooLarge(file.toString(), Files.size(file)));
          continue;
        }
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        problems.add(
            new RuleProblem(
                new SourceLocation(file.toString(), 0, 0),
                "cannot read the rule file because "
                    + describe(file, e)
                    + ": check the path given to spark.dqgate.rules or ./dqgate lint"));
        continue;
      }
      try {
        parsed.add(parse(file.toString(), text));
      } catch (RuleFileException e) {
        problems.addAll(e.problems());
      }
    }
    problems.addAll(RuleIds.acrossFiles(parsed));
    return parsed;
  }

  /**
   * Parses one rule file's text; {@code source} names it in errors and in every rule's location.
   */
  public static RuleFile parse(String source, String text) {
    List<RuleProblem> problems = new ArrayList<>();
    if (text.length() > MAX_FILE_BYTES) {
      throw new RuleFileException(List.of(tooLarge(source, text.length())));
    }
    SourceNode root = SyntaxErrors.readTree(source, text, problems);
    RuleFile file = null;
    if (root != null) {
      // Duplicate keys do not stop validation: the first value of a key is validated.
      file = new FileValidator(source, problems).file(root);
    }
    if (file != null) {
      int rules = 0;
      for (DatasetRules dataset : file.datasets()) {
        rules += dataset.checks().size() + dataset.diagnostics().size();
      }
      if (rules > MAX_RULES) {
        problems.add(
            new RuleProblem(
                new SourceLocation(source, 1, 1),
                "the file holds "
                    + rules
                    + " rules, more than the "
                    + MAX_RULES
                    + " one rule file may hold: split it into several files, or check for"
                    + " generated repeats"));
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(
          (a, b) ->
              a.at().line() != b.at().line()
                  ? Integer.compare(a.at().line(), b.at().line())
                  : Integer.compare(a.at().column(), b.at().column()));
      throw new RuleFileException(problems);
    }
    return file;
  }

  /** The problem of a file of {@code size} bytes, more than {@link #MAX_FILE_BYTES}. */
  public static RuleProblem tooLarge(String source, long size) {
    return new RuleProblem(
        new SourceLocation(source, 0, 0),
        String.format(
            java.util.Locale.ROOT,
            "the file is %.1f MiB, more than the %d MiB a rule file may be: split it into several"
                + " files (spark.dqgate.rules takes a list)",
            size / (double) (1 << 20),
            MAX_FILE_BYTES >> 20));
  }

  private static String describe(Path file, Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "it does not exist";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission is denied";
    }
    if (Files.isDirectory(file)) {
      return "it is a directory";
    }
    if (e instanceof java.nio.charset.CharacterCodingException) {
      return "it is not UTF-8 text";
    }
    return e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
  }
}
