package io.dqgate.core;

import io.dqgate.rules.RuleFile;
import io.dqgate.rules.RuleFileException;
import io.dqgate.rules.RuleParser;
import io.dqgate.rules.RuleProblem;
import io.dqgate.rules.RuleSet;
import io.dqgate.rules.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Loads rule files from any Hadoop file system path (local, HDFS, S3A, ...), the way Spark reads
 * data. A directory contributes its {@code *.yaml}, {@code *.yml} and {@code *.json} files.
 */
public final class RuleSources {
  private RuleSources() {}

  /** Loads the comma-separated {@code paths}; all problems of all files are reported together. */
  public static RuleSet load(String paths, Configuration hadoopConf) {
    List<RuleFile> files = new ArrayList<>();
    List<RuleProblem> problems = new ArrayList<>();
    for (String raw : paths.split(",")) {
      String location = raw.trim();
      if (location.isEmpty()) {
        continue;
      }
      try {
        Path path = new Path(location);
        FileSystem fs = path.getFileSystem(hadoopConf);
        List<Path> found = new ArrayList<>();
        if (fs.getFileStatus(path).isDirectory()) {
          for (var status : fs.listStatus(path)) {
            String name = status.getPath().getName();
            if (status.isFile() && name.matches(".*\\.(ya?ml|json)$")) {
              found.add(status.getPath());
            }
          }
          found.sort(null);
        } else {
          found.add(path);
        }
        for (Path file : found) {
          String source =
              file.toUri().getScheme() == null || "file".equals(file.toUri().getScheme())
                  ? (location.equals(file.toString()) ? location : file.toUri().getPath())
                  : file.toString();
          try (InputStream in = fs.open(file)) {
            files.add(
                RuleParser.parse(source, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
          } catch (RuleFileException e) {
            problems.addAll(e.problems());
          }
        }
      } catch (IOException | IllegalArgumentException e) {
        problems.add(
            new RuleProblem(
                new SourceLocation(location, 0, 0),
                "cannot read the rule file because "
                    + (e instanceof java.io.FileNotFoundException
                        ? "it does not exist"
                        : SchemaContext.firstLine(e.toString()))
                    + ": check spark.dqgate.rules"));
      }
    }
    if (!problems.isEmpty()) {
      throw new RuleFileException(problems);
    }
    return RuleParser.combine(files);
  }
}
