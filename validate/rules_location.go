package validate

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/walint/walint/schemas"
	"github.com/walint/walint/validate/internal/jsontree"
)

var ruleLatitudeRange = &Rule{
	ID: "latitude-range", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "latitude is outside -90 to 90",
	Doc: "360dialog's error table for the On-Premises API has it verbatim: \"1009: Invalid latitude. The valid range is\n" +
		"from -90 to 90.\" The Cloud API answers \"(#131009) Parameter value is not valid\" (Meta's error codes:\n" +
		"https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes/). A latitude out\n" +
		"of range is usually latitude and longitude swapped, or a coordinate in another unit. Numbers and numeric strings\n" +
		"are both checked, since Meta's reference types coordinates as strings and its examples send numbers.",
	check: func(p *pass) { checkCoordinate(p, "latitude", schemas.LatitudeLimit) },
}

var ruleLongitudeRange = &Rule{
	ID: "longitude-range", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "longitude is outside -180 to 180",
	Doc: "Longitude runs from -180 to 180 degrees; WhatsApp refuses anything else with 1009 (On-Premises) or\n" +
		"\"(#131009) Parameter value is not valid\" (Cloud). Numbers and numeric strings are both checked.",
	check: func(p *pass) { checkCoordinate(p, "longitude", schemas.LongitudeLimit) },
}

var ruleCoordinateNotNumeric = &Rule{
	ID: "coordinate-not-numeric", Severity: SeverityError, Certainty: CertaintyHeuristic, Code: 1009, CloudCode: 131009,
	Summary: "latitude or longitude is a string that is not a number",
	Doc: "Coordinates may be JSON numbers or numeric strings (`\"37.44\"`), but a string such as `\"37,44\"`,\n" +
		"`\"37.44 N\"` or `\"\"` is no coordinate, and WhatsApp refuses it with \"(#131009) Parameter value is not valid\".\n" +
		"Write decimal degrees with a dot.",
	check: checkCoordinateNumeric,
}

// coordinates calls fn for each latitude or longitude (name) member of an
// object named "location": the location message, and a template's location
// header parameter.
func coordinates(p *pass, name string, fn func(*jsontree.Node)) {
	for _, n := range p.views().locations {
		if c := n.Get(name); c != nil {
			fn(c)
		}
	}
}

// coordinateValue returns the value of a number or numeric string, and
// whether it is one.
func coordinateValue(n *jsontree.Node) (float64, bool) {
	switch n.Kind {
	case jsontree.Number:
		f, err := strconv.ParseFloat(n.Text, 64)
		return f, err == nil
	case jsontree.String:
		t := strings.TrimSpace(n.Text)
		if !isJSONNumber(t) && !(strings.HasPrefix(t, "+") && isJSONNumber(t[1:])) {
			return 0, false
		}
		f, err := strconv.ParseFloat(t, 64)
		return f, err == nil && !math.IsInf(f, 0)
	}
	return 0, false
}

// checkCoordinate reports the coordinates name past ±limit, compared
// exactly: 90.000000000000001 is past 90, though it is 90 as a float64.
func checkCoordinate(p *pass, name string, limit int) {
	coordinates(p, name, func(c *jsontree.Node) {
		if c.Extreme {
			return // The parser reported it.
		}
		v, ok := coordinateValue(c)
		if !ok || math.Abs(v) < float64(limit) {
			return
		}
		shown := strconv.FormatFloat(v, 'f', -1, 64)
		if math.Abs(v) == float64(limit) {
			// At the limit as a float64: past it only if the text says so.
			// The text is a short JSON number here (coordinateValue), so
			// its exact value is cheap.
			text := strings.TrimPrefix(strings.TrimSpace(c.Text), "+")
			exact, ok := new(big.Rat).SetString(text)
			if !ok || exact.Abs(exact).Cmp(big.NewRat(int64(limit), 1)) <= 0 {
				return
			}
			shown = text
		}
		hint := "Check that latitude and longitude are not swapped, and that the value is in decimal degrees."
		p.Reportf(c, hint, "%s is %s, outside the range -%d to %d", name, shown, limit, limit)
	})
}

func checkCoordinateNumeric(p *pass) {
	for _, name := range []string{"latitude", "longitude"} {
		coordinates(p, name, func(c *jsontree.Node) {
			if c.Kind != jsontree.String {
				return // Other wrong types are the schema's.
			}
			if _, ok := coordinateValue(c); !ok {
				p.Reportf(c, "Write the coordinate in decimal degrees with a dot, such as 37.4421 or \"37.4421\".",
					"%s %q is not a number", name, truncate(c.Text, 40))
			}
		})
	}
}
