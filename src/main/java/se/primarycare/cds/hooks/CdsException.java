package se.primarycare.cds.hooks;

import org.springframework.http.HttpStatus;

/** A CDS Hooks request the service cannot answer, with the HTTP status and a stable error code for the body. */
public class CdsException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    public CdsException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static CdsException badRequest(String code, String message) {
        return new CdsException(HttpStatus.BAD_REQUEST, code, message);
    }
}
