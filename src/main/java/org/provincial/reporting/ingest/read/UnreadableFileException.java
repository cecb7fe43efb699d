package org.provincial.reporting.ingest.read;

/** The file cannot be read as what its extension says; the message is plain Chinese for the submitting clerk. */
public class UnreadableFileException extends Exception {

    public UnreadableFileException(String chineseMessage) {
        super(chineseMessage);
    }

    public UnreadableFileException(String chineseMessage, Throwable cause) {
        super(chineseMessage, cause);
    }
}
