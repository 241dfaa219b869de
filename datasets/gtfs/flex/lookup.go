package flex

// index maps namespaced ids to positions; built once when a Flex is read.
type index struct {
	zones, groups, rules map[string]int
}

func (f *Flex) buildIndex() {
	f.idx = &index{zones: map[string]int{}, groups: map[string]int{}, rules: map[string]int{}}
	for i, z := range f.Zones {
		f.idx.zones[z.ID] = i
	}
	for i, g := range f.Groups {
		f.idx.groups[g.ID] = i
	}
	for i, r := range f.BookingRules {
		f.idx.rules[r.ID] = i
	}
}

// Zone returns the zone of a namespaced id (a Window's Zone), or nil.
// The lookups use the index built by Read and ReadZones; a Flex built
// otherwise is searched one record at a time.
func (f *Flex) Zone(id string) *Zone {
	if f.idx == nil {
		for i := range f.Zones {
			if f.Zones[i].ID == id {
				return &f.Zones[i]
			}
		}
		return nil
	}
	if i, ok := f.idx.zones[id]; ok {
		return &f.Zones[i]
	}
	return nil
}

// Group returns the location group of a namespaced id, or nil.
func (f *Flex) Group(id string) *Group {
	if f.idx == nil {
		for i := range f.Groups {
			if f.Groups[i].ID == id {
				return &f.Groups[i]
			}
		}
		return nil
	}
	if i, ok := f.idx.groups[id]; ok {
		return &f.Groups[i]
	}
	return nil
}

// BookingRule returns the booking rule of a namespaced id (a Window's
// PickupRule or DropOffRule), or nil.
func (f *Flex) BookingRule(id string) *BookingRule {
	if f.idx == nil {
		for i := range f.BookingRules {
			if f.BookingRules[i].ID == id {
				return &f.BookingRules[i]
			}
		}
		return nil
	}
	if i, ok := f.idx.rules[id]; ok {
		return &f.BookingRules[i]
	}
	return nil
}
