package spike;

import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * One gated write as an adapter sees it: the write kind, the plan node, the identities that
 * matching and lineage use (table name and/or path; either may be null), and the rows that will be
 * written.
 */
record WriteTarget(String kind, String node, String table, String path, LogicalPlan rows) {
  String describe() {
    return kind + " [" + node + "] table=" + table + " path=" + path;
  }
}
