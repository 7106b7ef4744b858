package dev.kiln.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RunnerScriptTest {

  @Test
  void packagesThePythonRunnerWithItsShebangAndDocstring() {
    byte[] script = RunnerScript.bytes();

    assertThat(script).isNotEmpty();
    assertThat(new String(script, StandardCharsets.UTF_8))
        .startsWith("#!/usr/bin/env python3\n\"\"\"Kiln runner")
        .contains("def main(", "kiln-runner/1");
  }
}
