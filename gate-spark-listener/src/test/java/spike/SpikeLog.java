package spike;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the spike's rules saw, in order: "check:<class>" and "optimizer:<class>" lines. */
final class SpikeLog {
  static final List<String> SEEN = Collections.synchronizedList(new ArrayList<>());

  private SpikeLog() {}

  static void clear() {
    SEEN.clear();
  }

  static void add(String line) {
    if (!SEEN.contains(line)) {
      SEEN.add(line);
    }
  }

  static List<String> snapshot() {
    synchronized (SEEN) {
      return new ArrayList<>(SEEN);
    }
  }
}
