package org.tongban.fleet.stats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.tongban.fleet.app.FleetServer;
import org.tongban.fleet.operators.Role;
import org.tongban.fleet.simulator.SimulatedTerminal;
import org.tongban.fleet.simulator.TerminalSimulator;
import org.tongban.fleet.simulator.UsageDay;
import org.tongban.fleet.support.ConsoleBrowser;
import org.tongban.fleet.support.FleetFixture;
import org.tongban.fleet.support.TestPostgres;
import org.tongban.fleet.support.WithPostgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The statistics page in a real browser on counters that simulated terminals reported over three days: the tables
 * say what was sent (summed independently here), Chart.js drew each chart from the same numbers, and the CSV files
 * carry them too.
 */
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsBrowserTest {

    private static final String PASSWORD = "stats-password-1";
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private final ObjectMapper json = new ObjectMapper();
    private FleetFixture fleet;
    private final List<ObjectNode> sent = new ArrayList<>();

    @BeforeAll
    void start(TestPostgres postgres) throws Exception {
        fleet = new FleetFixture(postgres, "stats", FleetServer.Settings.defaults(0), FleetFixture.csv(
                "YN-1-0001,Kunming,Wuhua Hall,HALL_KIOSK", "YN-1-0002,Kunming,Wuhua Hall,HALL_KIOSK", "YN-2-0001,Dali,Xiaguan Hall,BANK_STM"));
        fleet.account("viewer", Role.VIEWER, PASSWORD);
        try (TerminalSimulator sim = fleet.simulator("YN-1-0001", "YN-1-0002", "YN-2-0001")) {
            long seed = 1;
            for (int d = 0; d < 3; d++) {
                for (SimulatedTerminal t : sim.terminals()) {
                    ObjectNode day = UsageDay.of(json, DAY.plusDays(d), 60 + d * 10, seed++);
                    if (!t.id().startsWith("YN-1")) {
                        continue;
                    }
                    sent.add(day);
                    t.usage(day);
                    assertThat(t.heartbeat().status(), is(200));
                }
            }
            // the bank STM in Xiaguan reports too; the page filtered to Wuhua Hall must leave it out
            SimulatedTerminal other = sim.terminal("YN-2-0001");
            other.usage(UsageDay.of(json, DAY, 500, 99));
            assertThat(other.heartbeat().status(), is(200));
        }
    }

    @AfterAll
    void stop() throws Exception {
        fleet.close();
    }

    @Test
    void theStatisticsPageShowsWhatTheTerminalsCountedAsTablesChartsAndCsv() throws Exception {
        Map<String, long[]> expected = new TreeMap<>(); // item -> started, completed, abandoned
        Map<String, Long> steps = new TreeMap<>();
        long[] hours = new long[24];
        for (ObjectNode day : sent) {
            for (JsonNode item : day.path("items")) {
                long[] v = expected.computeIfAbsent(item.path("itemCode").asText(), k -> new long[3]);
                v[0] += item.path("started").asLong();
                v[1] += item.path("completed").asLong();
                v[2] += item.path("abandoned").asLong();
                item.path("abandonedAt").fields().forEachRemaining(e -> steps.merge(item.path("itemCode").asText() + "/" + e.getKey(),
                        e.getValue().asLong(), Long::sum));
            }
            day.path("hours").fields().forEachRemaining(e -> hours[Integer.parseInt(e.getKey())] += e.getValue().asLong());
        }
        assertThat(steps.size(), greaterThan(0));

        try (ConsoleBrowser browser = new ConsoleBrowser(fleet.base)) {
            browser.login("viewer", PASSWORD, "en");
            String query = "from=" + DAY + "&to=" + DAY.plusDays(2) + "&hall=Wuhua%20Hall";
            browser.open("/console/stats?" + query);
            for (Map.Entry<String, long[]> e : expected.entrySet()) {
                String row = browser.text(By.id("item-" + e.getKey()));
                assertThat(row, containsString(e.getKey() + " " + e.getValue()[0] + " " + e.getValue()[1] + " " + e.getValue()[2]));
            }
            for (String canvas : List.of("chart-days", "chart-items", "chart-steps", "chart-reviews", "chart-hours")) {
                browser.waitFor(d -> "true".equals(d.findElement(By.id(canvas)).getAttribute("data-drawn")), 10);
            }
            JavascriptExecutor js = (JavascriptExecutor) browser.driver;
            @SuppressWarnings("unchecked")
            List<Number> hourBars = (List<Number>) js.executeScript("return document.getElementById('chart-hours').chart.data.datasets[0].data");
            for (int h = 0; h < 24; h++) {
                assertThat("hour " + h, hourBars.get(h).longValue(), is(hours[h]));
            }
            @SuppressWarnings("unchecked")
            List<String> itemLabels = (List<String>) js.executeScript("return document.getElementById('chart-items').chart.data.labels");
            assertThat(new java.util.TreeSet<>(itemLabels), is(expected.keySet()));
            assertThat(browser.text(By.id("table-reviews")), containsString("TOO_MANY_STEPS"));
            browser.screenshot("statistics.png");

            String cookie = browser.driver.manage().getCookieNamed("fleet_session").getValue();
            HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fleet.base + "/console/stats.csv?table=items&" + query))
                    .header("Cookie", "fleet_session=" + cookie).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(csv.statusCode(), is(200));
            assertThat(csv.headers().firstValue("Content-Type").orElse(""), containsString("text/csv"));
            List<String> lines = csv.body().replace("\uFEFF", "").lines().toList();
            assertThat(lines.get(0), is("item,started,completed,abandoned,review_1,review_2,review_3,review_4,review_5"));
            assertThat(lines.size(), is(expected.size() + 1));
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                long[] v = expected.get(cells[0]);
                assertThat(line, Long.parseLong(cells[1]) + "/" + cells[2] + "/" + cells[3], is(v[0] + "/" + v[1] + "/" + v[2]));
            }
            HttpResponse<String> hoursCsv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fleet.base + "/console/stats.csv?table=hours&" + query))
                    .header("Cookie", "fleet_session=" + cookie).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(hoursCsv.body(), containsString("\r\n10," + hours[10] + "\r\n"));
            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fleet.base + "/console/stats.csv?table=items&" + query))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode(), is(302)); // to the login page: no numbers without a session
        }
    }

    @Test
    void aBadPeriodIsRefusedWithAClearMessage() throws Exception {
        try (ConsoleBrowser browser = new ConsoleBrowser(fleet.base)) {
            browser.login("viewer", PASSWORD, "en");
            browser.open("/console/stats?from=2026-11-22&to=2026-11-20");
            assertThat(browser.text(By.id("message")), containsString("is before from"));
        }
    }
}
