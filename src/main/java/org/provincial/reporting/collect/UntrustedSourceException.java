package org.provincial.reporting.collect;

/**
 * Thrown before anything is sent to a source that could not prove who it is: an SFTP host key not recorded or
 * changed, an FTPS certificate that does not verify. The message, in Chinese and English, says what to do.
 */
public class UntrustedSourceException extends SourceUnavailableException {

    public UntrustedSourceException(String message) {
        super(message);
    }
}
