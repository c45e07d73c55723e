package se.primarycare.cds.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps every failure of the CDS endpoints to the spec's status with a JSON body {@code {"error", "code"}}, once,
 * at the edge. Nothing internal reaches the client: an unexpected failure is logged here and answered 500 with a
 * generic message.
 */
@RestControllerAdvice(assignableTypes = CdsHooksController.class)
public class CdsErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(CdsErrorHandler.class);

    private final ObjectMapper json;

    public CdsErrorHandler(ObjectMapper json) {
        this.json = json;
    }

    @ExceptionHandler(CdsException.class)
    public ResponseEntity<ObjectNode> cds(CdsException e) {
        return body(e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<ObjectNode> mediaType(HttpMediaTypeNotSupportedException e) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "The request body must be JSON");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<ObjectNode> method(HttpRequestMethodNotSupportedException e) {
        return body(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ObjectNode> unexpected(Exception e) {
        log.error("CDS request failed", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "The CDS service failed; see the server log");
    }

    private ResponseEntity<ObjectNode> body(HttpStatus status, String code, String message) {
        ObjectNode body = json.createObjectNode();
        body.put("error", message);
        body.put("code", code);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }
}
