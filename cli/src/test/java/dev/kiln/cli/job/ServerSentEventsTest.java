package dev.kiln.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a {@code text/event-stream} body the way the HTML standard defines it. */
class ServerSentEventsTest {

  static List<ServerSentEvents.Event> read(String body) throws IOException {
    ServerSentEvents events =
        new ServerSentEvents(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    List<ServerSentEvents.Event> all = new ArrayList<>();
    ServerSentEvents.Event event;
    while ((event = events.next()) != null) {
      all.add(event);
    }
    return all;
  }

  @Test
  void readsIdsNamesAndDataWithOrWithoutASpaceAfterTheColon() throws IOException {
    assertThat(read("id:7\nevent:line\ndata:{\"a\":1}\n\nid: 8\nevent: end\ndata: x\n\n"))
        .containsExactly(
            new ServerSentEvents.Event("7", "line", "{\"a\":1}"),
            new ServerSentEvents.Event("8", "end", "x"));
  }

  @Test
  void joinsDataLinesAndIgnoresCommentsAndUnknownFields() throws IOException {
    assertThat(read(": ping\n\nretry: 1000\ndata: a\ndata:  b\nfoo: bar\n\n"))
        .containsExactly(new ServerSentEvents.Event(null, "message", "a\n b"));
  }

  @Test
  void acceptsCarriageReturnLineEnds() throws IOException {
    assertThat(read("event: line\r\ndata: x\r\n\r\n"))
        .containsExactly(new ServerSentEvents.Event(null, "line", "x"));
  }

  @Test
  void dropsAnEventCutOffByTheEndOfTheStream() throws IOException {
    assertThat(read("id: 1\nevent: line\ndata: whole\n\nid: 2\nevent: line\ndata: ha"))
        .containsExactly(new ServerSentEvents.Event("1", "line", "whole"));
  }

  @Test
  void skipsAnEventWithoutData() throws IOException {
    assertThat(read("id: 1\nevent: line\n\ndata: next\n\n"))
        .containsExactly(new ServerSentEvents.Event(null, "message", "next"));
  }
}
