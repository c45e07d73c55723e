package se.primarycare.cds.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 POST on a new TCP connection that is closed afterwards ({@code Connection: close}), as an EHR that
 * does not pool connections would call: the benchmark pays the connect and the server's per-connection work on
 * every call instead of hiding them behind keep-alive.
 */
final class OneShotHttp {

    private OneShotHttp() {}

    /** The response's status code; the body is read to the end. */
    static int post(int port, String path, byte[] body) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] response = in.readAllBytes();
            String statusLine = new String(response, 0, Math.min(response.length, 16), StandardCharsets.US_ASCII);
            return statusLine.startsWith("HTTP/1.1 ") ? Integer.parseInt(statusLine.substring(9, 12)) : -1;
        }
    }

    /** A GET on a new connection; the whole response (head and body) as text. */
    static String get(int port, String pathAndQuery) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            String head = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nAccept: application/fhir+json\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!response.startsWith("HTTP/1.1 200")) {
                throw new IOException("GET " + pathAndQuery + " answered "
                        + response.lines().findFirst().orElse(""));
            }
            return response;
        }
    }
}
