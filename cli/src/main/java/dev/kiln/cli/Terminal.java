package dev.kiln.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * The interactive console, if the user is at one: destructive commands ask it for confirmation and
 * refuse to proceed without {@code --yes} when there is none (scripts, pipes, CI).
 */
public interface Terminal {

  /** Whether a person can answer a question. */
  boolean interactive();

  /** Shows {@code prompt} and reads one line; {@code null} at end of input. */
  String readLine(String prompt);

  /** No console: every confirmation must come from {@code --yes}. */
  static Terminal none() {
    return new Terminal() {
      @Override
      public boolean interactive() {
        return false;
      }

      @Override
      public String readLine(String prompt) {
        return null;
      }
    };
  }

  /** The console of this process, when stdin and stdout are a terminal. */
  static Terminal system() {
    Console console = System.console();
    if (console == null || !isTerminal(console)) {
      return none();
    }
    return new Terminal() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public String readLine(String prompt) {
        return console.readLine("%s", prompt);
      }
    };
  }

  /**
   * From JDK 22 {@link System#console()} may return a console that is not a terminal; {@code
   * Console.isTerminal()} tells, but it does not exist in the Java 17 API we compile against.
   */
  private static boolean isTerminal(Console console) {
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
