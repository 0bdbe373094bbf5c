package dev.oms.platform.documents;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text in columns over a {@link PageFlow}: cells wrap within their column (at most {@link #MAX_CELL_LINES}
 * lines, so a row always fits a page), and the column titles are repeated at the top of every page.
 */
final class Table {
    record Column(String title, float width, PdfCanvas.Align align) { }

    static final int MAX_CELL_LINES = 12;
    private static final float SIZE = 9;
    private static final float LEADING = 11.5f;
    private static final float GAP = 6;

    private final PageFlow flow;
    private final List<Column> columns;

    Table(PageFlow flow, List<Column> columns) {
        this.flow = flow;
        this.columns = List.copyOf(columns);
        flow.onNewPage(this::header);
        header();
    }

    /** One row; cells in column order. */
    void row(String... cells) {
        if (cells.length != columns.size()) throw new IllegalArgumentException("a row has " + columns.size() + " cells");
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < cells.length; i++) {
            List<String> cell = PdfCanvas.wrap(flow.fonts().regular(), SIZE, columns.get(i).width() - GAP, cells[i]);
            if (cell.size() > MAX_CELL_LINES) {
                cell = new ArrayList<>(cell.subList(0, MAX_CELL_LINES));
                cell.set(MAX_CELL_LINES - 1, cell.get(MAX_CELL_LINES - 1) + "...");
            }
            wrapped.add(cell);
            lines = Math.max(lines, cell.size());
        }
        float height = lines * LEADING + 3;
        flow.need(height);
        float x = flow.left();
        for (int i = 0; i < columns.size(); i++) {
            Column col = columns.get(i);
            float y = flow.y;
            for (String line : wrapped.get(i)) {
                cell(x, y, col, line, false);
                y -= LEADING;
            }
            x += col.width();
        }
        flow.down(height);
    }

    /** The table is done: later pages no longer start with its column titles. */
    void end() { flow.onNewPage(() -> { }); }

    private void header() {
        flow.need(LEADING * 2);
        float x = flow.left();
        for (Column col : columns) {
            cell(x, flow.y, col, col.title(), true);
            x += col.width();
        }
        flow.canvas().rule(flow.left(), flow.right(), flow.y - 4, 0.75f);
        flow.down(LEADING + 6);
    }

    private void cell(float x, float y, Column col, String text, boolean bold) {
        PdfCanvas c = flow.canvas();
        var font = bold ? flow.fonts().bold() : flow.fonts().regular();
        if (col.align() == PdfCanvas.Align.RIGHT) c.fitted(x + col.width(), y, font, SIZE, PdfCanvas.Align.RIGHT, col.width() - GAP, text);
        else c.fitted(x, y, font, SIZE, PdfCanvas.Align.LEFT, col.width() - GAP, text);
    }
}
