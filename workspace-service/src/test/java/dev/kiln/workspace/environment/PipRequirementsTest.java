package dev.kiln.workspace.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.common.error.InvalidRequestException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PipRequirementsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "numpy|numpy",
        "  NumPy == 2.1.3  |numpy==2.1.3",
        "Scikit_Learn>=1.5|scikit-learn>=1.5",
        "zope.interface|zope-interface",
        "Foo__Bar..baz|foo-bar-baz",
        "pandas < 3 , >= 2.2|pandas<3,>=2.2",
        "Requests[Socks , Security]>=2.0|requests[security,socks]>=2.0",
        "torch==2.5.1+cpu|torch==2.5.1+cpu",
        "numpy (>=2.0)|numpy>=2.0",
        "numpy==2.1.3 ;  python_version  <  '3.13'|numpy==2.1.3; python_version < '3.13'",
        "numpy==2.1.3  # pinned|numpy==2.1.3"
      })
  void putsARequirementInCanonicalForm(String raw, String canonical) {
    assertThat(PipRequirements.canonicalLine(raw)).isEqualTo(canonical);
  }

  @Test
  void isIdempotent() {
    List<String> once = PipRequirements.canonical(List.of("B[y,x]>=1,<2; os_name == 'posix'", "a"));
    assertThat(PipRequirements.canonical(once)).isEqualTo(once);
  }

  @Test
  void dropsBlankLinesAndComments() {
    assertThat(PipRequirements.canonical(List.of("", "  ", "# comment", "  # indented"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-e .",
        "--index-url https://evil.example/simple",
        "  --extra-index-url https://evil.example/simple",
        "-r requirements.txt",
        "pkg @ https://evil.example/pkg.whl",
        "git+https://github.com/x/y.git",
        "https://evil.example/pkg.whl",
        "./local/pkg",
        "/abs/pkg.whl",
        "numpy\nscipy",
        "numpy\rscipy",
        "numpy=1.0",
        "numpy==",
        "numpy; ",
        "numpy[bad extra]"
      })
  void refusesWhatIsNotAPyPiRequirementByName(String raw) {
    assertThatThrownBy(() -> PipRequirements.canonicalLine(raw))
        .isInstanceOf(InvalidRequestException.class)
        .extracting(e -> ((InvalidRequestException) e).code())
        .isEqualTo("invalid_requirement");
  }

  @Test
  void refusesTooManyOrTooLongRequirements() {
    assertThatThrownBy(() -> PipRequirements.canonical(Collections.nCopies(501, "numpy")))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> PipRequirements.canonicalLine("a".repeat(501)))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(PipRequirements.canonical(Collections.nCopies(500, "numpy"))).hasSize(1);
  }
}
