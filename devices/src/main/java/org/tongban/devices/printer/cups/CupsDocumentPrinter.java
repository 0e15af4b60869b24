package org.tongban.devices.printer.cups;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import javax.print.DocFlavor;
import javax.print.DocPrintJob;
import javax.print.PrintException;
import javax.print.PrintService;
import javax.print.PrintServiceLookup;
import javax.print.SimpleDoc;
import javax.print.attribute.HashPrintRequestAttributeSet;
import javax.print.attribute.PrintRequestAttributeSet;
import javax.print.attribute.standard.Copies;
import javax.print.attribute.standard.JobName;
import javax.print.attribute.standard.MediaSizeName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tongban.devices.AbstractDevice;
import org.tongban.devices.DeviceClass;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceSpec;
import org.tongban.devices.DeviceState;
import org.tongban.devices.printer.DocumentPrinter;
import org.tongban.devices.printer.PrintJob;
import org.tongban.devices.printer.PrintOutcome;
import org.tongban.devices.printer.PrintProgress;

/**
 * The A4 printer behind a CUPS queue. Jobs go in through javax.print (A4 set explicitly: the JDK
 * defaults to Letter); as the JDK never reports completion, the job is then followed in CUPS over
 * IPP until it is completed, aborted or cancelled, and the queue's state reasons (paper out, jam,
 * door open, offline) become the device state. A job that cannot finish in time is cancelled in
 * CUPS, so it never comes out later for a citizen who has left.
 */
public final class CupsDocumentPrinter extends AbstractDevice implements DocumentPrinter {

    /** The driver name in devices.yaml. */
    public static final String DRIVER = "cups";

    private static final Logger log = LoggerFactory.getLogger(CupsDocumentPrinter.class);
    private static final int JOB_CANCELED = 7;
    private static final int JOB_ABORTED = 8;
    private static final int JOB_COMPLETED = 9;

    private final String queue;
    private final IppClient ipp;
    private final Duration poll;
    private volatile PrintService service;
    private volatile PrinterCondition condition;

    public CupsDocumentPrinter(String name, String queue, URI server, Duration poll) {
        super(name, DeviceClass.DOCUMENT_PRINTER);
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException(name + ": the CUPS queue (port) is missing");
        }
        this.queue = queue;
        this.ipp = new IppClient(server, queue, Duration.ofSeconds(5));
        this.poll = poll;
    }

    /** From devices.yaml: {@code port} is the queue; options {@code server} (default http://localhost:631). */
    public static CupsDocumentPrinter fromSpec(DeviceSpec spec) {
        return new CupsDocumentPrinter(spec.name(), spec.port(), URI.create(spec.option("server", "http://localhost:631")),
                Duration.ofMillis(Long.parseLong(spec.option("pollMillis", "250"))));
    }

    public String queue() {
        return queue;
    }

    @Override
    protected void onOpen() throws DeviceException {
        service = lookup().orElseThrow(() -> new DeviceException(DeviceException.Reason.OFFLINE,
                name() + ": no CUPS queue '" + queue + "' (known: " + knownQueues() + "); add it with lpadmin"));
        if (!service.isDocFlavorSupported(DocFlavor.BYTE_ARRAY.PDF)) {
            throw new DeviceException(DeviceException.Reason.HARDWARE, name() + ": CUPS queue " + queue
                    + " does not take PDF (is cups-filters installed?)");
        }
        refreshCondition();
    }

    @Override
    protected void onClose() {
        service = null;
    }

    @Override
    protected String healthDetail() {
        try {
            refreshCondition();
        } catch (DeviceException e) {
            return "CUPS queue " + queue + ": " + e.getMessage();
        }
        return "CUPS queue " + queue + " via " + ipp.printerUri();
    }

    @Override
    public PrintOutcome print(PrintJob job, Duration timeout) throws DeviceException {
        return print(job, timeout, new PrintProgress() {
        });
    }

    @Override
    public PrintOutcome print(PrintJob job, Duration timeout, PrintProgress progress) throws DeviceException {
        PrinterCondition before = refreshCondition();
        if (!before.canPrint()) {
            throw new DeviceException(before.reason(), name() + ": cannot print: " + before.detail());
        }
        return perform("print " + job.id(), timeout, () -> {
            submit(job);
            int cupsJob = findJob(job);
            progress.sent("CUPS job " + queue + "-" + cupsJob);
            try {
                return follow(job, cupsJob, progress);
            } catch (InterruptedException | DeviceException e) {
                cancelQuietly(cupsJob);
                throw e;
            }
        });
    }

    private void submit(PrintJob job) throws DeviceException {
        PrintRequestAttributeSet attributes = new HashPrintRequestAttributeSet();
        attributes.add(MediaSizeName.ISO_A4);
        attributes.add(new Copies(job.copies()));
        attributes.add(new JobName(jobName(job), null));
        DocPrintJob printJob = service.createPrintJob();
        try {
            printJob.print(new SimpleDoc(job.pdf(), DocFlavor.BYTE_ARRAY.PDF, null), attributes);
        } catch (PrintException e) {
            throw new DeviceException(DeviceException.Reason.OFFLINE,
                    name() + ": CUPS did not take the job: " + e.getMessage(), e);
        }
    }

    /** The job's title in the queue: the document kind and the job id, never personal data. */
    static String jobName(PrintJob job) {
        return job.title() + " " + job.id();
    }

    /** The CUPS job id of what was just submitted, found by the job id in its name. */
    private int findJob(PrintJob job) throws DeviceException, InterruptedException {
        for (int attempt = 0; attempt < 40; attempt++) {
            try {
                int found = ipp.jobs().stream().filter(g -> g.text("job-name").endsWith(job.id()))
                        .mapToInt(g -> g.integer("job-id", -1)).max().orElse(-1);
                if (found > 0) {
                    return found;
                }
            } catch (IOException e) {
                throw new DeviceException(DeviceException.Reason.OFFLINE, name() + ": cannot ask CUPS about the job: "
                        + e.getMessage(), e);
            }
            Thread.sleep(50);
        }
        throw new DeviceException(DeviceException.Reason.PROTOCOL,
                name() + ": CUPS took the job but does not list it on " + queue);
    }

    private PrintOutcome follow(PrintJob job, int cupsJob, PrintProgress progress)
            throws DeviceException, InterruptedException {
        boolean printing = false;
        while (true) {
            IppClient.Group state;
            try {
                state = ipp.job(cupsJob);
            } catch (IOException e) {
                throw new DeviceException(DeviceException.Reason.OFFLINE, name() + ": lost CUPS while following job "
                        + cupsJob + ": " + e.getMessage(), e);
            }
            int jobState = state.integer("job-state", 0);
            String reasons = String.join(", ", state.texts("job-state-reasons"));
            switch (jobState) {
                case JOB_COMPLETED -> {
                    return new PrintOutcome(job.id(), job.sheets(), queue + "-" + cupsJob, Instant.now());
                }
                case JOB_ABORTED, JOB_CANCELED -> throw new DeviceException(DeviceException.Reason.HARDWARE,
                        name() + ": CUPS job " + cupsJob + (jobState == JOB_ABORTED ? " aborted" : " cancelled")
                                + " (" + reasons + ")");
                default -> {
                    if (jobState == 5 && !printing) {
                        printing = true;
                        progress.printing();
                    }
                }
            }
            PrinterCondition now = refreshCondition();
            if (!now.canPrint()) {
                // the citizen is waiting: say so now rather than when the timeout ends
                throw new DeviceException(now.reason(), name() + ": job " + cupsJob + " stopped: " + now.detail());
            }
            Thread.sleep(poll.toMillis());
        }
    }

    private void cancelQuietly(int cupsJob) {
        try {
            ipp.cancel(cupsJob);
            log.info("{}: cancelled CUPS job {} so it does not come out later", name(), cupsJob);
        } catch (IOException e) {
            if (!(e instanceof IppClient.IppException)) {
                log.warn("{}: could not cancel CUPS job {}: {}", name(), cupsJob, e.getMessage());
            } // an IPP refusal here means the job already ended
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the queue's state into the device state; answers it. */
    private PrinterCondition refreshCondition() throws DeviceException {
        IppClient.Group printer;
        try {
            printer = ipp.printerAttributes();
        } catch (IOException e) {
            setState(DeviceState.OFFLINE, "CUPS does not answer: " + e.getMessage());
            throw new DeviceException(DeviceException.Reason.OFFLINE, name() + ": CUPS does not answer: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException(DeviceException.Reason.CANCELLED, name() + ": interrupted");
        }
        PrinterCondition next = PrinterCondition.of(printer.integer("printer-state", 0),
                printer.texts("printer-state-reasons"), printer.bool("printer-is-accepting-jobs", true),
                printer.text("printer-state-message"));
        condition = next;
        if (state() != DeviceState.BUSY || !next.canPrint()) {
            setState(next.state(), next.detail());
        }
        return next;
    }

    /** Last condition read from CUPS, for tests and the health line. */
    Optional<PrinterCondition> condition() {
        return Optional.ofNullable(condition);
    }

    private Optional<PrintService> lookup() {
        return Arrays.stream(PrintServiceLookup.lookupPrintServices(null, null))
                .filter(s -> s.getName().equals(queue)).findFirst();
    }

    private static String knownQueues() {
        return Arrays.stream(PrintServiceLookup.lookupPrintServices(null, null)).map(PrintService::getName).toList()
                .toString();
    }
}
