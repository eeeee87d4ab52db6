package io.dqgate.rules;

/** Where something was written: a rule file and a 1-based line and column. */
public record SourceLocation(String file, int line, int column) {

  /** A location for things that do not come from a file (rules built in code). */
  public static SourceLocation unknown(String what) {
    return new SourceLocation(what, 0, 0);
  }

  /** {@code file:line}, the form people click in an IDE or CI log. */
  public String fileAndLine() {
    return line > 0 ? file + ":" + line : file;
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ":" + column : file;
  }
}
