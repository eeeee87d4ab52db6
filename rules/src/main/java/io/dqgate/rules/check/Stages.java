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

  /** A duration as sentences give it: 850 ms, 12.5 s, 3 min 12 s. */
  public static String millis(long ms) {
    return Formats.elapsed(ms);
  }

  static String ratioText(double ratio) {
    return ratio >= 10
        ? Formats.count(Math.round(ratio))
        : Formats.number(Math.round(ratio * 10) / 10.0);
  }
}
