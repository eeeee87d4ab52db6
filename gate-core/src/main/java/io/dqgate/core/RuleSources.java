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
          long size = fs.getFileStatus(file).getLen();
          if (size > RuleParser.MAX_FILE_BYTES) {
            // Refused before reading: a huge file must not fill the driver's memory.
            problems.add(RuleParser.tooLarge(source, size));
            continue;
          }
          String text;
          try (InputStream in = fs.open(file)) {
            text =
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(in.readAllBytes()))
                    .toString();
          } catch (java.nio.charset.CharacterCodingException e) {
            problems.add(
                new RuleProblem(
                    new SourceLocation(source, 0, 0),
                    "cannot read the rule file because it is not UTF-8 text: save it as UTF-8"));
            continue;
          }
          try {
            files.add(RuleParser.parse(source, text));
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
