/* Draws each report chart with Apache ECharts from its JSON data island
   (<script type="application/json" id="…">, written by Django's json_script), so the
   page needs no inline script. The chart repeats the table beside it: the summary and
   the "Show as table" toggle carry the figures for screen readers. */
(function () {
  "use strict";

  var ROW_HEIGHT = 30;
  var CHROME_HEIGHT = 90;
  // A horizontal chart's value-axis name sits this far below the axis line, in a strip
  // this tall below the grid.
  var NAME_GAP = 28;
  var NAME_ROOM = 28;
  var INK = "#1b2430";
  var GRID_LINE = "#d5dbe3";

  function option(data) {
    // ECharts' containLabel keeps the tick labels inside the drawing but not the axis
    // name: at its default place, past the end of a horizontal chart's value axis, the
    // name ran off the right edge. There it is centred under the tick labels instead, with
    // room kept for it below the grid; a vertical chart's name stays above its value axis.
    var nameBelow = data.horizontal && data.unit;
    var categoryAxis = {
      type: "category",
      data: data.categories,
      axisLabel: { color: INK, width: 220, overflow: "truncate" },
      axisLine: { lineStyle: { color: INK } },
    };
    var valueAxis = {
      type: "value",
      name: data.unit,
      minInterval: 1,
      axisLabel: { color: INK },
      nameTextStyle: { color: INK },
      nameLocation: nameBelow ? "middle" : "end",
      nameGap: nameBelow ? NAME_GAP : 15,
      splitLine: { lineStyle: { color: GRID_LINE } },
    };
    return {
      animation: false,
      // Decal patterns tell the series apart without colour alone.
      aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
      textStyle: { color: INK },
      legend: { top: 0, textStyle: { color: INK } },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 8, right: 24, top: 40, bottom: nameBelow ? NAME_ROOM : 8, containLabel: true },
      xAxis: data.horizontal ? valueAxis : categoryAxis,
      yAxis: data.horizontal ? Object.assign({}, categoryAxis, { inverse: true }) : valueAxis,
      series: data.series.map(function (series) {
        return {
          type: "bar",
          name: series.name,
          data: series.data,
          stack: data.stacked ? "total" : undefined,
          itemStyle: { color: series.colour, borderColor: "#ffffff", borderWidth: 1 },
          emphasis: { focus: "series" },
        };
      }),
    };
  }

  function draw(container) {
    var island = document.getElementById(container.dataset.chart);
    if (!island) {
      return;
    }
    var data = JSON.parse(island.textContent);
    if (data.horizontal) {
      // A bar per row: the drawing grows with the table (set through the CSSOM, which the
      // content security policy allows, unlike a style attribute).
      var rows = parseInt(container.dataset.rows, 10) || 1;
      container.style.height =
        Math.max(200, rows * ROW_HEIGHT + CHROME_HEIGHT + (data.unit ? NAME_ROOM : 0)) + "px";
    }
    var chart = window.echarts.init(container, null, { renderer: "canvas" });
    chart.setOption(option(data));
    window.addEventListener("resize", function () {
      chart.resize();
    });
    // A printed page is narrower than the screen: redraw to fit, then back.
    window.addEventListener("beforeprint", function () {
      chart.resize({ width: 680 });
    });
    window.addEventListener("afterprint", function () {
      chart.resize();
    });
  }

  document.querySelectorAll("[data-chart]").forEach(draw);

  // Printed, each chart keeps its numbers: every table opens for the printout, and the
  // ones the reader had closed close again afterwards.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.report-chart__table:not([open])").forEach(function (d) {
      d.open = true;
      openedForPrint.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (d) {
      d.open = false;
    });
    openedForPrint = [];
  });
})();
