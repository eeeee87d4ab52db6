package io.dqgate.rules.check;

import static java.util.Objects.requireNonNullElse;

import io.dqgate.rules.Formats;
import java.util.List;

/** Diagnostic {@code spill}: bytes spilled to disk, summed over the producing stages. */
public record Spill(RuleMeta meta, long maxBytes) implements Diagnostic {
  /** No spill tolerated. */
  public static final long DEFAULT_MAX_BYTES = 0;

  public static final CheckKind<Spill> KIND =
      CheckKind.diagnostic(
          "spill",
          List.of("max_bytes"),
          in -> {
            long maxBytes = requireNonNullElse(in.size("max_bytes"), DEFAULT_MAX_BYTES);
            return new Spill(in.meta(null), maxBytes);
          });

  public String keyword() {
    return KIND.keyword();
  }

  public List<String> fields() {
    return maxBytes == DEFAULT_MAX_BYTES
        ? List.of()
        : List.of("max_bytes: " + Formats.size(maxBytes));
  }

  public StageVerdict judge(List<? extends StageView> stages, String where) {
    long total = 0;
    StageView worst = stages.get(0);
    for (StageView s : stages) {
      total += s.spillDiskBytes();
      if (s.spillDiskBytes() > worst.spillDiskBytes()) {
        worst = s;
      }
    }
    boolean breached = total > maxBytes;
    StringBuilder s =
        new StringBuilder("the stages ")
            .append(where)
            .append(" spilled ")
            .append(Formats.bytes(total))
            .append(" to disk");
    if (total > 0) {
      s.append(", most in ")
          .append(worst.label())
          .append(": ")
          .append(Formats.bytes(worst.spillDiskBytes()))
          .append(" (")
          .append(Formats.bytes(worst.spillMemoryBytes()))
          .append(" in memory before spilling; GC ")
          .append(Stages.millis(worst.gcTimeMillis()))
          .append(')');
    }
    s.append("; allowed ≤ ").append(Formats.bytes(maxBytes));
    if (breached) {
      s.append(
          ". Give each task more memory (spark.executor.memory, spark.memory.fraction, fewer"
              + " spark.executor.cores) or spread the work over more, smaller partitions (spark.sql.shuffle.partitions,"
              + " repartition)");
    }
    return new StageVerdict(
        total > 0 ? worst : Stages.outputStage(stages),
        new Verdict(
            breached,
            (double) total,
            null,
            "≤ " + Formats.bytes(maxBytes) + " spilled to disk",
            s.toString()));
  }

  @Override
  public String toString() {
    return Check.print(this);
  }
}
