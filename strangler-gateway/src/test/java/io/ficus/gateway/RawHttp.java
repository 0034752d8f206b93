package io.ficus.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends bytes exactly as written (pipelined requests, missing or doubled Host, {@code *} targets) and reads back
 * every response until the server closes or goes quiet; HTTP clients would correct such requests.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** One parsed response; header names in lower case. */
    record Response(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    /**
     * Writes {@code request} and parses the responses that come back.
     *
     * @param headRequests which of the responses (by position) answer a HEAD and so have no body
     */
    static List<Response> exchange(int port, String request, int quietMillis, int... headRequests)
            throws IOException {
        byte[] received = send(port, request, quietMillis);
        return parse(received, headRequests);
    }

    static byte[] send(int port, String request, int quietMillis) throws IOException {
        return send("127.0.0.1", port, request, quietMillis);
    }

    /** What came back, and whether the server closed the connection (rather than going quiet). */
    record Conversation(List<Response> responses, boolean closedByServer) {
    }

    static Conversation converse(int port, String request, int quietMillis) throws IOException {
        boolean[] closed = {false};
        byte[] received = send("127.0.0.1", port, request, quietMillis, closed);
        return new Conversation(parse(received), closed[0]);
    }

    /** From {@code sourceAddress} (another loopback address looks like another client). */
    static List<Response> exchangeFrom(String sourceAddress, int port, String request, int quietMillis)
            throws IOException {
        return parse(send(sourceAddress, port, request, quietMillis));
    }

    private static byte[] send(String sourceAddress, int port, String request, int quietMillis) throws IOException {
        return send(sourceAddress, port, request, quietMillis, new boolean[1]);
    }

    private static byte[] send(String sourceAddress, int port, String request, int quietMillis, boolean[] closed)
            throws IOException {
        try (Socket socket = new Socket(java.net.InetAddress.getByName("127.0.0.1"), port,
                java.net.InetAddress.getByName(sourceAddress), 0)) {
            socket.setSoTimeout(quietMillis);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, read);
                }
                closed[0] = true;
            }
            catch (SocketTimeoutException quiet) {
                // the server keeps the connection open: everything it had to say has arrived
            }
            catch (java.net.SocketException reset) {
                // a server may reset after its last response; what arrived still counts
                closed[0] = true;
            }
            return received.toByteArray();
        }
    }

    static List<Response> parse(byte[] bytes, int... headRequests) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<Response> responses = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int headersEnd = text.indexOf("\r\n\r\n", at);
            if (headersEnd < 0) {
                break;
            }
            String[] lines = text.substring(at, headersEnd).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        name -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
            at = headersEnd + 4;
            boolean head = false;
            for (int index : headRequests) {
                head |= index == responses.size();
            }
            String body = "";
            if (!head && status != 204 && status != 304) {
                if (headers.containsKey("content-length")) {
                    int length = Integer.parseInt(headers.get("content-length").get(0));
                    body = text.substring(at, Math.min(text.length(), at + length));
                    at += length;
                }
                else if (headers.containsKey("transfer-encoding")) {
                    StringBuilder chunks = new StringBuilder();
                    while (true) {
                        int lineEnd = text.indexOf("\r\n", at);
                        int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
                        at = lineEnd + 2;
                        if (size == 0) {
                            at = text.indexOf("\r\n", at) + 2;
                            break;
                        }
                        chunks.append(text, at, at + size);
                        at += size + 2;
                    }
                    body = chunks.toString();
                }
                else {
                    body = text.substring(at);
                    at = text.length();
                }
            }
            responses.add(new Response(status, headers, body));
        }
        return responses;
    }
}
