package org.tongban.devices.printer;

/** What the receipt printer's sensors say about the paper roll and the cover. */
public record ReceiptPrinterStatus(Paper paper, boolean coverOpen) {

    /** The paper roll sensors: near-end is a warning, out stops printing. */
    public enum Paper { OK, NEAR_END, OUT }

    /** Whether a receipt can come out now, as far as paper and cover go. */
    public boolean canPrint() {
        return paper != Paper.OUT && !coverOpen;
    }
}
