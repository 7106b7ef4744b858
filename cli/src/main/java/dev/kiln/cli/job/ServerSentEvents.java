package dev.kiln.cli.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code text/event-stream} body (the format of the HTML standard) event by event: {@code
 * field: value} lines (one space after the colon dropped), {@code data} lines joined with line
 * breaks, comments ({@code :...}) and unknown fields ignored, a blank line ending an event. Each
 * event carries its own {@code id} only. An event cut off by the end of the stream is dropped, so a
 * half-received event is never acted on.
 */
final class ServerSentEvents {

  /**
   * One event.
   *
   * @param id its {@code id}, or {@code null} when it has none
   * @param name its {@code event} type; {@code message} when it names none
   * @param data its data lines, joined with {@code \n}
   */
  record Event(String id, String name, String data) {}

  private final BufferedReader lines;

  ServerSentEvents(InputStream body) {
    this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
  }

  /** The next event, or {@code null} at the end of the stream. */
  Event next() throws IOException {
    String id = null;
    String name = null;
    StringBuilder data = null;
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.isEmpty()) {
        if (data != null) {
          return new Event(id, name == null ? "message" : name, data.toString());
        }
        id = null;
        name = null;
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "id" -> id = value;
        case "event" -> name = value;
        case "data" ->
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        default -> {
          // "retry" and fields of later versions of the format do not concern a log reader.
        }
      }
    }
    return null;
  }
}
