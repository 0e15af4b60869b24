package org.tongban.kiosk.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tongban.devices.printer.PrintJob;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.platform.QueryResult;
import org.tongban.printing.Certificate;
import org.tongban.printing.CjkFontUnavailableException;

/**
 * The query's answer as the certificate document: composed once for the screen's preview and the printer
 * alike, so the citizen sees the page that comes out.
 */
final class CertificateDocument {

    private CertificateDocument() {
    }

    static PrintJob compose(ServiceFlow.Services s, ServiceItem item, QueryResult r) throws CjkFontUnavailableException {
        List<Certificate.Field> fields = new ArrayList<>();
        r.fields().forEach(f -> fields.add(new Certificate.Field(f.label(), f.value())));
        Optional<Certificate.Table> table = Optional.ofNullable(r.table())
                .map(t -> new Certificate.Table(t.columns(), t.rows()));
        return s.composer().compose(new Certificate(r.title(), fields, table, r.verifyCode(), s.terminalId(),
                s.clock().instant().atZone(s.zone()), item.code()));
    }
}
