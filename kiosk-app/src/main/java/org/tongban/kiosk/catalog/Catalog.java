package org.tongban.kiosk.catalog;

import java.util.List;
import java.util.Optional;
import org.tongban.kiosk.config.Profile;

/** The service items a terminal offers, grouped into the categories of the home screen. */
public record Catalog(String version, List<Category> categories, List<Department> departments,
                      List<ServiceItem> items) {

    public Catalog {
        categories = categories == null ? List.of() : List.copyOf(categories);
        departments = departments == null ? List.of() : List.copyOf(departments);
        items = items == null ? List.of() : List.copyOf(items);
    }

    public Optional<Department> department(String id) {
        return departments.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** The items of one department offered on this kind of terminal. */
    public List<ServiceItem> itemsOf(String departmentId, Profile profile) {
        return items.stream().filter(i -> i.department().equals(departmentId) && i.offeredOn(profile)).toList();
    }

    public Optional<ServiceItem> item(String code) {
        return items.stream().filter(i -> i.code().equals(code)).findFirst();
    }

    /** The items of one category offered on this kind of terminal, in catalog order. */
    public List<ServiceItem> itemsIn(String categoryId, Profile profile) {
        return items.stream()
                .filter(i -> i.categories().contains(categoryId) && i.offeredOn(profile))
                .toList();
    }

    /** Categories that have at least one item on this kind of terminal. */
    public List<Category> categoriesFor(Profile profile) {
        return categories.stream().filter(c -> !itemsIn(c.id(), profile).isEmpty()).toList();
    }
}
