package dev.kiln.run.artifact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sends a request with its target exactly as given: no client library normalises dot segments,
 * encodes backslashes or drops fragments on the way, as hostile clients do not either.
 */
final class RawHttp {

  private RawHttp() {}

  /** The status and everything after the status line (headers and body). */
  record Response(int status, String rest) {}

  static Response send(
      int port, String method, String target, Map<String, String> headers, String body) {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    request.append("Host: 127.0.0.1:").append(port).append("\r\n");
    request.append("Connection: close\r\n");
    headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    request.append("Content-Length: ").append(content.length).append("\r\n\r\n");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
      int firstSpace = response.indexOf(' ');
      int status = Integer.parseInt(response.substring(firstSpace + 1, firstSpace + 4));
      return new Response(status, response.substring(response.indexOf("\r\n") + 2));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toByteArray();
  }
}
