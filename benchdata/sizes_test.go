package benchdata

import "testing"

func TestScaleOneIsTheNationalScaleOfTheBenchmark(t *testing.T) {
	for scale, want := range map[float64]Sizes{
		1:     {Agencies: 300, Strategies: 30, Objectives: 600, ActionItems: 30000, Rounds: 90, Observations: 1000000, LargestRound: 200000},
		0.1:   {Agencies: 30, Strategies: 3, Objectives: 60, ActionItems: 3000, Rounds: 9, Observations: 100000, LargestRound: 20000},
		0.001: {Agencies: 5, Strategies: 1, Objectives: 1, ActionItems: 30, Rounds: 6, Observations: 1000, LargestRound: 200},
	} {
		if got, err := SizesAt(scale); err != nil || got != want {
			t.Errorf("scale %g: %+v, %v; want %+v", scale, got, err, want)
		}
	}
	for _, scale := range []float64{0, -1, MaxScale + 1} {
		if _, err := SizesAt(scale); err == nil {
			t.Errorf("scale %g accepted", scale)
		}
	}
}
