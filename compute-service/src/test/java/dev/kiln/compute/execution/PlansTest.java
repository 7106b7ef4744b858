package dev.kiln.compute.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlansTest {

  @Test
  void bindingsAreReplacedWithTheirValuesAndUnknownTextIsLeftAlone() {
    String command =
        Plans.substitute(
            "python train.py --alpha ${{inputs.alpha}} --data ${{ inputs.table }}"
                + " --out ${{outputs.model}} --keep '${{literal}}'",
            Map.of(
                "inputs.alpha", "0.3",
                "inputs.table", "/w/inputs/table/wine.csv",
                "outputs.model", "/w/outputs/model"));

    assertThat(command)
        .isEqualTo(
            "python train.py --alpha 0.3 --data /w/inputs/table/wine.csv --out /w/outputs/model"
                + " --keep '${{literal}}'");
  }

  @Test
  void aValueHoldingDollarsAndBackslashesIsInsertedAsItIs() {
    assertThat(Plans.substitute("echo ${{inputs.x}}", Map.of("inputs.x", "a$1\\b")))
        .isEqualTo("echo a$1\\b");
  }

  @Test
  void pathsWithShellCharactersBecomeOneQuotedWord() {
    assertThat(Plans.quote("/w/inputs/plain-file_1.csv")).isEqualTo("/w/inputs/plain-file_1.csv");
    assertThat(Plans.quote("/w/my data/it's.csv")).isEqualTo("'/w/my data/it'\"'\"'s.csv'");
  }
}
