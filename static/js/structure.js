// Structure dashboard: the options come from cadres/views/charts.py; a click opens the list behind it.
(function () {
  const data = JSON.parse(document.getElementById("structure-data").textContent);
  const options = JSON.parse(document.getElementById("chart-options").textContent);
  const ageRanges = { 0: [null, 34], 1: [35, 39], 2: [40, 44], 3: [45, 49], 4: [50, 54], 5: [55, null] };
  const params = {
    age: (i) => { const [lo, hi] = ageRanges[i]; return Object.assign({}, lo !== null && { age_min: lo }, hi !== null && { age_max: hi }); },
    gender: (i) => ({ gender: data.gender.codes[i] }),
    education: (i) => ({ education: data.education.codes[i] }),
    title: (i) => ({ title_grade: data.title.codes[i] }),
    political: (i) => ({ political_status: data.political.codes[i] }),
    ethnicity: (i) => ({ ethnicity_group: data.ethnicity.codes[i] }),
  };
  function listUrl(dim, index, levelId) {
    const query = Object.assign({ status: "serving" }, params[dim](index));
    if (levelId) query.level = levelId;
    return document.getElementById("structure-script").dataset.cadreListUrl + "?" + new URLSearchParams(query).toString();
  }
  document.querySelectorAll(".chart").forEach((el) => {
    const dim = el.dataset.dim;
    const d = data[dim];
    const option = options[dim];
    const chart = echarts.init(el);
    chart.setOption(option);
    chart.on("click", (p) => {
      const series = option.series[p.seriesIndex];
      if (series.type === "pie") {  // slices of empty categories are left out
        window.location.href = listUrl(dim, series.categoryIndexes[p.dataIndex], null);
      } else {
        window.location.href = listUrl(dim, p.dataIndex, d.series[p.seriesIndex].level);
      }
    });
    window.addEventListener("resize", () => chart.resize());
  });
})();
