// The image against its description: per item, the count of matching detections inside its place.
#include "core/world/description_check.h"

#include <algorithm>

#include "core/util/error.h"

namespace milr::world {

namespace {

int grid_cell(float centre, int image_size) {
    return std::clamp(static_cast<int>(centre * 3.f / static_cast<float>(image_size)), 0, 2);
}

bool inside(const Place& place, int row, int column) {
    switch (place.kind) {
        case Place::Kind::cell:
            return place.row == row && place.column == column;
        case Place::Kind::row:
            return place.row == row;
        case Place::Kind::column:
            return place.column == column;
    }
    return false;
}

}  // namespace

DescriptionCheck check_detections_against_items(const std::vector<DescriptionItem>& items,
                                                const std::vector<DetectedObject>& objects, int image_size) {
    DescriptionCheck check;
    check.well_formed = true;
    int described = 0;
    for (const DescriptionItem& item : items) {
        described += item.count;
        int found = 0;
        for (const DetectedObject& o : objects)
            if (o.shape == item.shape && o.colour == item.colour &&
                inside(item.place, grid_cell(o.box.cy(), image_size), grid_cell(o.box.cx(), image_size)))
                ++found;
        if (found != item.count) {
            check.reason = "\"" + item.text() + "\": " + std::to_string(found) + " found there";
            return check;
        }
    }
    if (static_cast<int>(objects.size()) != described) {
        check.reason =
            std::to_string(objects.size()) + " objects in the image, " + std::to_string(described) + " described";
        return check;
    }
    check.followed = true;
    return check;
}

DescriptionCheck check_image_against_description(const std::string& description, const milr::RgbImage& image) {
    std::vector<DescriptionItem> items;
    try {
        items = parse_description(description);
    } catch (const Error& e) {
        DescriptionCheck check;
        check.reason = e.what();
        return check;
    }
    return check_detections_against_items(items, detect_objects(image), image.width);
}

}  // namespace milr::world
