package io.dqgate.spark.write;

import io.dqgate.core.result.DatasetResult;
import io.dqgate.core.result.Outcome;
import io.dqgate.core.result.Outcomes;
import io.dqgate.core.result.Status;
import io.dqgate.rules.DatasetId;
import io.dqgate.rules.DatasetMatcher;
import io.dqgate.rules.DatasetRef;
import io.dqgate.rules.DatasetRules;
import io.dqgate.rules.check.Check;
import io.dqgate.spark.config.GateConf;
import io.dqgate.spark.runtime.GateRuntime;
import io.dqgate.spark.runtime.RunObserver;
import io.dqgate.spark.runtime.SeenWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * No silent pass. A write whose destination matches a rule but that the gate cannot check is
 * reported when it happens ({@link #seen}: a warning and a result whose rules are ERROR). At the
 * end of the run, every rule block with checks that matched no checked dataset gets a visible
 * outcome: a warning by default, each rule FAIL with {@code spark.dqgate.unmatchedRules=fail},
 * naming the writes of the job that looked like it and what to do.
 */
public final class UnmatchedRules implements RunObserver {
  /** The action of results made for writes the gate could not check. */
  static final String NOT_CHECKED = "write (not checked: ";

  /** A top-level write was seen: when rules match it and it cannot be checked, say so now. */
  static void seen(GateRuntime runtime, SeenWrite write) {
    runtime.seenWrites().record(write);
    if (write.checked()) {
      return;
    }
    if (write.identities().isEmpty()) {
      runtime.warn(
          "dqgate cannot check a "
              + write.kind()
              + " write and cannot tell where it writes ("
              + write.how()
              + "); no rule was applied to it.");
      return;
    }
    List<DatasetRules> blocks = new ArrayList<>();
    for (DatasetRules block : runtime.rules().datasets()) {
      if (write.identities().stream().anyMatch(block::matches) && !block.checks().isEmpty()) {
        blocks.add(block);
      }
    }
    if (blocks.isEmpty()) {
      return;
    }
    String names =
        blocks.stream().map(DatasetRules::name).distinct().collect(Collectors.joining(", "));
    String reason =
        "the rules of "
            + names
            + " match "
            + write.describe()
            + ", which dqgate "
            + write.how()
            + "; the write went ahead unchecked";
    runtime.warn(reason + ". See docs/attach.md for the write kinds dqgate checks.");
    List<Outcome> outcomes = new ArrayList<>();
    for (DatasetRules block : blocks) {
      for (Check check : block.checks()) {
        outcomes.add(Outcomes.error(check, reason));
      }
    }
    runtime
        .ledger()
        .record(
            DatasetResult.unchecked(
                new DatasetId(names, write.identities()),
                NOT_CHECKED + write.kind() + ")",
                outcomes));
  }

  @Override
  public void onEnding(GateRuntime runtime) {
    boolean fail = runtime.conf().get(GateConf.UNMATCHED_RULES) == GateConf.UnmatchedRules.FAIL;
    List<DatasetResult> results = runtime.ledger().results();
    List<SeenWrite> writes = runtime.seenWrites().all();
    for (DatasetRules block : runtime.rules().datasets()) {
      if (block.checks().isEmpty() || checked(block, results)) {
        continue;
      }
      List<String> lookalikes =
          writes.stream().filter(w -> looksLike(block, w)).map(WriteNodesText::of).toList();
      String sentence =
          "rule block "
              + block.name()
              + " ("
              + block.matchers().stream()
                  .map(DatasetMatcher::toString)
                  .collect(Collectors.joining(", "))
              + ") matched no dataset dqgate checked in this run"
              + (lookalikes.isEmpty()
                  ? "; the job wrote nothing that looks like it"
                  : "; the job wrote " + String.join("; ", lookalikes))
              + ". Fix the block's match (or the write) so it names what the job writes, or write"
              + " through a kind dqgate checks (docs/attach.md)";
      if (!fail) {
        runtime.warn(sentence + ".");
        continue;
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Check check : block.checks()) {
        outcomes.add(Outcomes.of(check, Status.FAIL, null, null, null, sentence, false));
      }
      List<DatasetRef> refs =
          block.matchers().stream().map(m -> new DatasetRef(m.kind(), m.pattern())).toList();
      runtime
          .ledger()
          .record(
              DatasetResult.unchecked(
                  new DatasetId(block.name(), refs), "rules matched nothing", outcomes));
    }
  }

  /** True when a result of a checked dataset carries a name {@code block} matches. */
  private static boolean checked(DatasetRules block, List<DatasetResult> results) {
    for (DatasetResult result : results) {
      if (result.id() != null
          && !result.action().startsWith(NOT_CHECKED)
          && result.id().refs().stream().anyMatch(block::matches)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when {@code write} matches the block or resembles it: the same last table name part, or
   * the same last path segment.
   */
  static boolean looksLike(DatasetRules block, SeenWrite write) {
    for (DatasetRef ref : write.identities()) {
      if (block.matches(ref)) {
        return true;
      }
      for (DatasetMatcher m : block.matchers()) {
        if (lastPart(ref.name()).equals(lastPart(m.pattern()))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String lastPart(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace("`", "");
    while (n.endsWith("/")) {
      n = n.substring(0, n.length() - 1);
    }
    int cut = Math.max(n.lastIndexOf('/'), n.lastIndexOf('.'));
    return n.substring(cut + 1);
  }

  /** How a look-alike write is named in the end-of-run outcome. */
  private static final class WriteNodesText {
    static String of(SeenWrite write) {
      return write.describe() + " (" + write.how() + ")";
    }
  }
}
