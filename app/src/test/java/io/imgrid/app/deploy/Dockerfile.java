package io.imgrid.app.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile read as Docker reads it for these tests: comments dropped, continuation lines
 * joined, one {@link Instruction} per instruction, grouped into stages at each FROM.
 */
record Dockerfile(List<List<Instruction>> stages) {

  /** One instruction: its keyword in upper case and the rest of its line. */
  record Instruction(String keyword, String args) {}

  static Dockerfile read(String relative) {
    List<List<Instruction>> stages = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String raw : DeployFiles.text(relative).split("\n", -1)) {
      String line = raw.strip();
      if (line.startsWith("#")) {
        continue;
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      pending.append(line);
      String full = pending.toString().strip();
      pending.setLength(0);
      if (full.isEmpty()) {
        continue;
      }
      String[] parts = full.split("\\s+", 2);
      Instruction instruction =
          new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1].replaceAll("\\s+", " ") : "");
      if (instruction.keyword().equals("FROM")) {
        stages.add(new ArrayList<>());
      }
      if (stages.isEmpty()) {
        throw new AssertionError(relative + ": instruction before FROM: " + full);
      }
      stages.get(stages.size() - 1).add(instruction);
    }
    return new Dockerfile(List.copyOf(stages));
  }

  List<Instruction> finalStage() {
    return stages.get(stages.size() - 1);
  }

  /** The args of every instruction with this keyword in the final stage. */
  List<String> finalArgs(String keyword) {
    List<String> out = new ArrayList<>();
    for (Instruction i : finalStage()) {
      if (i.keyword().equals(keyword)) {
        out.add(i.args());
      }
    }
    return out;
  }
}
