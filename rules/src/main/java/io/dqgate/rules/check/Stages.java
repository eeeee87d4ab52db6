package io.dqgate.rules.check;

import io.dqgate.rules.Formats;
import java.util.List;

/** What several diagnostics say alike about stages. */
public final class Stages {
  private Stages() {}

  /** The last stage that wrote output, else the last stage. */
  public static <S extends StageView> S outputStage(List<S> stages) {
    for (int i = stages.size() - 1; i >= 0; i--) {
      if (stages.get(i).wrote()) {
        return stages.get(i);
      }
    }
    return stages.get(stages.size() - 1);
  }

  /** A duration as sentences give it: 850 ms, 12.5 s, 3.2 min. */
  public static String millis(long ms) {
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 120_000) {
      return Formats.number(Math.round(ms / 100.0) / 10.0) + " s";
    }
    return Formats.number(Math.round(ms / 6000.0) / 10.0) + " min";
  }

  static String ratioText(double ratio) {
    return ratio >= 10
        ? Formats.count(Math.round(ratio))
        : Formats.number(Math.round(ratio * 10) / 10.0);
  }
}
