package org.tongban.kiosk.flow;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tongban.kiosk.app.Demo;
import org.tongban.kiosk.catalog.Category;
import org.tongban.kiosk.catalog.ServiceItem;

/** Elderly mode offers fewer choices per screen and pages through them; nothing is left out. */
class ElderlyChoicesTest {

    @Test
    void pagesOfAtMostFourCoverEveryCategoryAndItemOnce() throws Exception {
        try (Demo demo = new Demo(0)) {
            Navigator nav = demo.terminal().navigator();
            nav.touch();
            assertThat(nav.categoriesPage().count(), is(1));
            nav.setElderly(true);

            List<Category> seen = new ArrayList<>();
            Page<Category> page = nav.categoriesPage();
            assertThat(page.hasPrevious(), is(false));
            while (true) {
                assertThat(page.shown().size() <= Navigator.ELDERLY_CHOICES_PER_PAGE, is(true));
                seen.addAll(page.shown());
                if (!page.hasNext()) {
                    break;
                }
                nav.nextPage();
                page = nav.categoriesPage();
            }
            assertThat(seen, equalTo(nav.categories()));
            nav.nextPage(); // past the end stays on the last page
            assertThat(nav.categoriesPage().number(), equalTo(page.number()));
            nav.previousPage();
            assertThat(nav.categoriesPage().number(), equalTo(page.number() - 1));

            for (Category c : nav.categories()) {
                nav.openCategory(c.id());
                List<ServiceItem> items = new ArrayList<>(nav.itemsPage().shown());
                assertThat(nav.itemsPage().number(), is(0));
                while (nav.itemsPage().hasNext()) {
                    nav.nextPage();
                    assertThat(nav.itemsPage().shown().size(), lessThanOrEqualTo(Navigator.ELDERLY_CHOICES_PER_PAGE));
                    items.addAll(nav.itemsPage().shown());
                }
                assertThat(items, equalTo(nav.items()));
                nav.back();
                assertThat(nav.page(), is(0));
            }
        }
    }

    @Test
    void searchOffersFewerResultsAndTheNextCitizenStartsInNormalMode() throws Exception {
        try (Demo demo = new Demo(0)) {
            Navigator nav = demo.terminal().navigator();
            nav.touch();
            nav.setElderly(true);
            nav.openSearch();
            nav.type("S");
            assertThat(nav.searchResults().size(), lessThanOrEqualTo(Navigator.ELDERLY_CHOICES_PER_PAGE));
            nav.setElderly(false);
            assertThat(nav.searchResults().size() > Navigator.ELDERLY_CHOICES_PER_PAGE, is(true));

            nav.setElderly(true);
            nav.home();
            nav.nextPage();
            nav.finish();
            assertThat(nav.elderly(), is(false));
            assertThat(nav.page(), is(0));
            assertThat(nav.categoriesPage().shown(), equalTo(nav.categories()));
        }
    }
}
