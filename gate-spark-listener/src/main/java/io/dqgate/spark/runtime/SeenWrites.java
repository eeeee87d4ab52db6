package io.dqgate.spark.runtime;

import java.util.ArrayList;
import java.util.List;

/** Every top-level write of the run, checked or not, for the end-of-run unmatched-rules check. */
public final class SeenWrites {
  private final List<SeenWrite> writes = new ArrayList<>();

  public synchronized void record(SeenWrite write) {
    writes.add(write);
  }

  public synchronized List<SeenWrite> all() {
    return List.copyOf(writes);
  }
}
