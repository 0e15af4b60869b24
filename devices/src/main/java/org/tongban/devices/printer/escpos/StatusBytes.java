package org.tongban.devices.printer.escpos;

import org.tongban.devices.printer.ReceiptPrinterStatus;

/**
 * The status bytes of ESC/POS real-time status (DLE EOT n), and of GS r 1, which a printer answers
 * only once everything sent before it is printed. DLE EOT answers always have bits 1 and 4 set,
 * GS r answers never bit 4: that tells them apart on the one serial line.
 */
record StatusBytes(int offline, int error, int paper) {

    static final int DLE_EOT_FIXED = 0x12;
    static final int COVER_OPEN = 0x04;     // DLE EOT 2, bit 2
    static final int CUTTER_ERROR = 0x08;   // DLE EOT 3, bit 3
    static final int UNRECOVERABLE = 0x20;  // DLE EOT 3, bit 5
    static final int NEAR_END = 0x0C;       // DLE EOT 4, bits 2-3
    static final int PAPER_END = 0x60;      // DLE EOT 4, bits 5-6

    static boolean isRealTimeAnswer(int b) {
        return (b & 0x93) == 0x12;
    }

    static boolean isProcessedAnswer(int b) {
        return (b & 0x90) == 0;
    }

    boolean coverOpen() {
        return (offline & COVER_OPEN) != 0;
    }

    boolean cutterError() {
        return (error & (CUTTER_ERROR | UNRECOVERABLE)) != 0;
    }

    ReceiptPrinterStatus status() {
        ReceiptPrinterStatus.Paper p = (paper & PAPER_END) != 0 ? ReceiptPrinterStatus.Paper.OUT
                : (paper & NEAR_END) != 0 ? ReceiptPrinterStatus.Paper.NEAR_END : ReceiptPrinterStatus.Paper.OK;
        return new ReceiptPrinterStatus(p, coverOpen());
    }
}
