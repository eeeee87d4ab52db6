package io.dqgate.rules;

import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;

/**
 * "Did you mean": the known word a mistyped one was probably meant to be. Shared by rules and
 * config.
 */
public final class Spelling {
  private Spelling() {}

  /**
   * The known word closest to {@code word} when it is close enough to be a typo (case, a
   * transposition, a letter or two; at most a third of the word), else null. Comparison ignores
   * case; the known word is returned as written.
   */
  public static String closest(String word, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String w = word.toLowerCase(Locale.ROOT);
    for (String candidate : new TreeSet<>(known)) {
      int d = distance(w, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    int tolerance = Math.max(1, word.length() / 3);
    // A word that has to change entirely is no typo ("x" is not a typo of "k").
    return best != null && bestDistance <= tolerance && bestDistance < word.length() ? best : null;
  }

  /**
   * Edit distance counting a swap of two neighbouring letters as one edit (optimal string
   * alignment).
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
