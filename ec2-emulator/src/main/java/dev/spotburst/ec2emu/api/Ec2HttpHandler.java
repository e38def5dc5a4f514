package dev.spotburst.ec2emu.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.spotburst.ec2emu.core.Ec2ApiException;
import dev.spotburst.ec2emu.wire.QueryParams;
import dev.spotburst.ec2emu.wire.Xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * HTTP front: {@code POST /} with a form body (SDK and CLI), or {@code GET /?Action=…} (old Query clients). Any
 * Ec2ApiException becomes the EC2 error document with its status; only a genuine bug in the emulator is a 500.
 */
public final class Ec2HttpHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(Ec2HttpHandler.class.getName());
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final Dispatcher dispatcher;
    private final HttpHandler control;

    public Ec2HttpHandler(Dispatcher dispatcher, HttpHandler control) {
        this.dispatcher = dispatcher;
        this.control = control;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (ex.getRequestURI().getPath().startsWith("/_emulator/")) {
                control.handle(ex);
                return;
            }
            String requestId = UUID.randomUUID().toString();
            int status;
            String body;
            try {
                Map<String, String> form = new LinkedHashMap<>();
                String query = ex.getRequestURI().getRawQuery();
                if (query != null) {
                    form.putAll(QueryParams.parseForm(query));
                }
                if ("POST".equalsIgnoreCase(ex.getRequestMethod())) {
                    form.putAll(QueryParams.parseForm(readBody(ex.getRequestBody())));
                }
                body = dispatcher.dispatch(form, requestId);
                status = 200;
            } catch (Ec2ApiException e) {
                status = e.httpStatus();
                body = Xml.error(e.code(), e.getMessage(), requestId).finish();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "emulator bug while handling a request", e);
                status = 500;
                body = Xml.error("InternalError", "An internal error has occurred: " + e, requestId).finish();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
            ex.getResponseHeaders().set("x-amzn-RequestId", requestId);
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        }
    }

    private static String readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new Ec2ApiException("RequestEntityTooLarge", "The request body is larger than " + MAX_BODY + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
