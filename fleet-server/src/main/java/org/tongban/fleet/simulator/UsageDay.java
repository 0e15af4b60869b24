package org.tongban.fleet.simulator;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A plausible day of a terminal's usage counters as the contract's usage report carries them (no personal data):
 * visits per item, completed or abandoned at a step of the item's flow, five-level reviews with reason codes, and
 * visits started per hour (a morning and an afternoon peak). Items and steps are the demo catalog's.
 */
public final class UsageDay {

    /** A service item of the catalog and the steps of its flow. */
    record Item(String code, List<String> steps, int weight) {
    }

    static final List<Item> ITEMS = List.of(
            new Item("HF-QUERY-ACCOUNT", List.of("guidance", "identify", "query", "print"), 30),
            new Item("HF-WITHDRAW-RENT", List.of("guidance", "identify", "form", "capture", "confirm", "submit"), 12),
            new Item("MI-QUERY-ACCOUNT", List.of("guidance", "identify", "query", "print"), 25),
            new Item("MI-CERT-CONTRIB", List.of("guidance", "identify", "query", "print"), 15),
            new Item("MR-REG-COMPANY", List.of("guidance", "identify", "form", "capture", "confirm", "submit"), 5),
            new Item("EMP-REG-UNEMP", List.of("guidance", "identify", "form", "confirm", "submit"), 8));
    static final List<String> GOOD_REASONS = List.of("FAST", "CLEAR_GUIDANCE", "NO_QUEUE");
    static final List<String> BAD_REASONS = List.of("TOO_MANY_STEPS", "HARD_TO_FIND", "DEVICE_FAULT", "SLOW");

    private UsageDay() {
    }

    /** {@code visits} visits of one terminal on {@code date}; the same seed gives the same day. */
    public static ObjectNode of(ObjectMapper json, LocalDate date, int visits, long seed) {
        Random random = new Random(seed);
        int totalWeight = ITEMS.stream().mapToInt(Item::weight).sum();
        int[] started = new int[ITEMS.size()];
        int[] completed = new int[ITEMS.size()];
        ObjectNode[] abandonedAt = new ObjectNode[ITEMS.size()];
        ObjectNode[] reviews = new ObjectNode[ITEMS.size()];
        ObjectNode[] reasons = new ObjectNode[ITEMS.size()];
        int[] hours = new int[24];
        for (int v = 0; v < visits; v++) {
            int pick = random.nextInt(totalWeight);
            int i = 0;
            while (pick >= ITEMS.get(i).weight()) {
                pick -= ITEMS.get(i).weight();
                i++;
            }
            Item item = ITEMS.get(i);
            started[i]++;
            hours[hour(random)]++;
            // the longer the flow, the more visits end before its end, mostly at the form
            double abandonChance = 0.03 * item.steps().size();
            if (random.nextDouble() < abandonChance) {
                int at = item.steps().contains("form") && random.nextDouble() < 0.6 ? item.steps().indexOf("form")
                        : 1 + random.nextInt(item.steps().size() - 1);
                if (abandonedAt[i] == null) {
                    abandonedAt[i] = json.createObjectNode();
                }
                abandonedAt[i].put(item.steps().get(at), abandonedAt[i].path(item.steps().get(at)).asInt() + 1);
                continue;
            }
            completed[i]++;
            if (random.nextDouble() < 0.6) {
                int level = item.steps().size() > 5 ? 2 + random.nextInt(4) : 3 + random.nextInt(3);
                if (reviews[i] == null) {
                    reviews[i] = json.createObjectNode();
                    reasons[i] = json.createObjectNode();
                }
                String key = Integer.toString(level);
                reviews[i].put(key, reviews[i].path(key).asInt() + 1);
                List<String> from = level >= 4 ? GOOD_REASONS : BAD_REASONS;
                String reason = level <= 3 && item.steps().size() > 5 ? "TOO_MANY_STEPS" : from.get(random.nextInt(from.size()));
                reasons[i].put(reason, reasons[i].path(reason).asInt() + 1);
            }
        }
        ObjectNode day = json.createObjectNode().put("date", date.toString());
        var items = day.putArray("items");
        for (int i = 0; i < ITEMS.size(); i++) {
            if (started[i] == 0) {
                continue;
            }
            ObjectNode n = items.addObject().put("itemCode", ITEMS.get(i).code()).put("started", started[i]).put("completed", completed[i])
                    .put("abandoned", started[i] - completed[i]);
            n.set("reviews", reviews[i] == null ? json.createObjectNode() : reviews[i]);
            if (abandonedAt[i] != null) {
                n.set("abandonedAt", abandonedAt[i]);
            }
            if (reasons[i] != null) {
                n.set("reviewReasons", reasons[i]);
            }
        }
        ObjectNode h = day.putObject("hours");
        for (int i = 0; i < 24; i++) {
            if (hours[i] > 0) {
                h.put(Integer.toString(i), hours[i]);
            }
        }
        return day;
    }

    /** Office hours with a peak at 10:00 and a smaller one at 15:00. */
    private static int hour(Random random) {
        double x = random.nextDouble();
        double g = random.nextGaussian();
        int h = x < 0.55 ? (int) Math.round(10 + g * 1.2) : x < 0.95 ? (int) Math.round(15 + g * 1.3) : 8 + random.nextInt(12);
        return Math.max(0, Math.min(23, h));
    }
}
