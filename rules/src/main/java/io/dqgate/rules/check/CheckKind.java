package io.dqgate.rules.check;

import io.dqgate.rules.CheckReader;
import java.util.List;

/**
 * What the rule language knows about one check kind: its keyword, the keys it takes besides {@code
 * id}, {@code severity} and {@code description}, and how it is read from a rule file. Each kind
 * file holds one as {@code KIND} ({@link Duplicates} holds two: {@code unique} and {@code
 * duplicates}).
 */
public record CheckKind<X extends Check>(
    String keyword, boolean diagnostic, List<String> keys, Reader<X> reader) {

  /** Builds the checks of one rule from its keys (several when a per-column rule lists columns). */
  @FunctionalInterface
  public interface Reader<X> {
    List<X> read(CheckReader in);
  }

  /** A rule that yields one check. */
  @FunctionalInterface
  public interface SingleReader<X> {
    X read(CheckReader in);
  }

  public CheckKind {
    keys = List.copyOf(keys);
  }

  static <X extends DataCheck> CheckKind<X> data(
      String keyword, List<String> keys, SingleReader<X> reader) {
    return new CheckKind<>(keyword, false, keys, in -> List.of(reader.read(in)));
  }

  static <X extends Diagnostic> CheckKind<X> diagnostic(
      String keyword, List<String> keys, SingleReader<X> reader) {
    return new CheckKind<>(keyword, true, keys, in -> List.of(reader.read(in)));
  }

  /** {@code keys} followed by the limit keys {@code max_count}, {@code max_fraction}. */
  static List<String> withLimit(String... keys) {
    List<String> all = new java.util.ArrayList<>(List.of(keys));
    all.addAll(Limit.KEYS);
    return all;
  }
}
