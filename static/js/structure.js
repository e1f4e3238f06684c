// Structure dashboard: one stacked bar chart per dimension, by level; a click opens the list behind it.
(function () {
  const data = JSON.parse(document.getElementById("structure-data").textContent);
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
    return window.CADRE_LIST_URL + "?" + new URLSearchParams(query).toString();
  }
  document.querySelectorAll(".chart").forEach((el) => {
    const dim = el.dataset.dim;
    const d = data[dim];
    const chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 40, right: 10, top: 10, bottom: 50 },
      xAxis: { type: "category", data: d.categories, axisLabel: { interval: 0, rotate: d.categories.length > 5 ? 20 : 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: d.series.map((s) => ({ name: s.name, type: "bar", stack: "total", data: s.data, levelId: s.level })),
    });
    chart.on("click", (p) => { window.location.href = listUrl(dim, p.dataIndex, d.series[p.seriesIndex].level); });
    window.addEventListener("resize", () => chart.resize());
  });
})();
