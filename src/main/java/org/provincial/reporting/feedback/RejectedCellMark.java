package org.provincial.reporting.feedback;

/** How an annotated copy marks a rejected cell, streamed or loaded whole: its light red fill and its comment box. */
final class RejectedCellMark {

    /** The fill's colour as RGB hex (light red); the streamed copy writes it opaque, as ARGB {@code FF} + this. */
    static final String FILL_RGB = "FFC7CE";

    /** The author of the comments. */
    static final String AUTHOR = "数据校验";

    private RejectedCellMark() {
    }

    /**
     * Where the comment box of the cell at {@code row} and {@code column} (0-based) stands: beside it, from the next
     * column, four columns wide and four rows high (first and last column and row, 0-based).
     */
    record CommentBox(int firstColumn, int firstRow, int lastColumn, int lastRow) {

        static CommentBox beside(int row, int column) {
            return new CommentBox(column + 1, row, column + 5, row + 4);
        }
    }
}
