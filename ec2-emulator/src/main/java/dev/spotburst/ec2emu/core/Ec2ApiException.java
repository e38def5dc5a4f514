package dev.spotburst.ec2emu.core;

/**
 * An EC2 API error: rendered as {@code <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>}.
 * Client errors are HTTP 400 (EC2 API Reference, "Error codes for the Amazon EC2 API"); throttling is
 * {@code RequestLimitExceeded} with HTTP 503, which is what real EC2 answers (e.g. "Status Code: 503; Error Code:
 * RequestLimitExceeded" in aws/... issue reports) and what the SDKs classify as throttling.
 */
public final class Ec2ApiException extends RuntimeException {

    private final String code;
    private final int httpStatus;

    public Ec2ApiException(String code, String message) {
        this(code, message, 400);
    }

    public Ec2ApiException(String code, String message, int httpStatus) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public static Ec2ApiException missing(String parameter) {
        return new Ec2ApiException("MissingParameter", "The request must contain the parameter " + parameter);
    }

    public static Ec2ApiException invalidValue(String parameter, String value, String expected) {
        return new Ec2ApiException("InvalidParameterValue",
                "Value (" + value + ") for parameter " + parameter + " is invalid. " + expected);
    }

    public static Ec2ApiException combination(String message) {
        return new Ec2ApiException("InvalidParameterCombination", message);
    }
}
