package io.dqgate.spark.runtime;

import io.dqgate.core.GateRejectedException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.message.Message;

/**
 * Keeps Spark from logging a rejection before its caller prints it. A rejected file write fails in
 * the commit protocol, and Spark logs the exception ("ERROR FileFormatWriter: Aborting job …")
 * before rethrowing it to the shell, the SQL CLI or the application, which print it again: the same
 * paragraph twice. This log4j filter (Spark's logging backend) drops log events of loggers outside
 * dqgate whose throwable is, or is caused by, a {@link GateRejectedException}; the exception itself
 * still reaches whoever runs the job, and the reports.
 */
final class RejectionLogFilter extends AbstractFilter {
  private static boolean installed;

  private RejectionLogFilter() {
    super(Result.DENY, Result.NEUTRAL);
  }

  /**
   * Adds the filter to the JVM's log4j configuration, once. Without log4j-core this class does not
   * load: callers catch the LinkageError.
   */
  static synchronized void install() {
    if (!installed && LogManager.getContext(false) instanceof LoggerContext context) {
      RejectionLogFilter filter = new RejectionLogFilter();
      filter.start();
      context.getConfiguration().addFilter(filter);
      context.updateLoggers();
      installed = true;
    }
  }

  private Result decide(String logger, Throwable thrown) {
    if (logger != null && logger.startsWith("io.dqgate")) {
      return onMismatch;
    }
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof GateRejectedException) {
        return onMatch;
      }
    }
    return onMismatch;
  }

  @Override
  public Result filter(LogEvent event) {
    return decide(event.getLoggerName(), event.getThrown());
  }

  @Override
  public Result filter(Logger logger, Level level, Marker marker, Message msg, Throwable t) {
    return decide(logger.getName(), t);
  }

  @Override
  public Result filter(Logger logger, Level level, Marker marker, Object msg, Throwable t) {
    return decide(logger.getName(), t);
  }
}
