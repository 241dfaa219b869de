<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.0" styleCategories="Symbology|Labeling" labelsEnabled="1">
  <renderer-v2 type="RuleRenderer" symbollevels="0" forceraster="0" enableorderby="0">
    <rules key="partons-root">
      <rule key="partons-point" label="points" filter="geometry_type($geometry) = &#39;Point&#39;">
        <rule key="partons-point-0" symbol="0" label="no data" filter="coalesce(&#34;bakery_nearest_m&#34;, -1000000000000000) = -1000000000000000"/>
        <rule key="partons-point-1" symbol="1" label="up to 1.2 km" filter="coalesce(&#34;bakery_nearest_m&#34;, -1000000000000000) &gt;= 0 AND coalesce(&#34;bakery_nearest_m&#34;, -1000000000000000) &lt;= 1200"/>
        <rule key="partons-point-2" symbol="2" label="1.2 km – 3.75 km" filter="coalesce(&#34;bakery_nearest_m&#34;, -1000000000000000) &gt; 1200 AND coalesce(&#34;bakery_nearest_m&#34;, -1000000000000000) &lt;= 3750"/>
        <rule key="partons-point-3" symbol="3" label="3.75 km – 10 km" filter="coalesce(&#34;bakery_nearest_m&#34;, -1000000000000000) &gt; 3750 AND coalesce(&#34;bakery_nearest_m&#34;, -1000000000000000) &lt;= 10000"/>
        <rule key="partons-point-4" symbol="4" label="over 10 km" filter="coalesce(&#34;bakery_nearest_m&#34;, -1000000000000000) &gt; 10000 AND coalesce(&#34;bakery_nearest_m&#34;, -1000000000000000) &lt;= 100000000000000"/>
      </rule>
      <rule key="partons-polygon" label="polygons" filter="geometry_type($geometry) = &#39;Polygon&#39;">
        <rule key="partons-polygon-0" symbol="5" label="no data" filter="coalesce(&#34;bakery_nearest_m&#34;, -1000000000000000) = -1000000000000000"/>
        <rule key="partons-polygon-1" symbol="6" label="up to 1.2 km" filter="coalesce(&#34;bakery_nearest_m&#34;, -1000000000000000) &gt;= 0 AND coalesce(&#34;bakery_nearest_m&#34;, -1000000000000000) &lt;= 1200"/>
        <rule key="partons-polygon-2" symbol="7" label="1.2 km – 3.75 km" filter="coalesce(&#34;bakery_nearest_m&#34;, -1000000000000000) &gt; 1200 AND coalesce(&#34;bakery_nearest_m&#34;, -1000000000000000) &lt;= 3750"/>
        <rule key="partons-polygon-3" symbol="8" label="3.75 km – 10 km" filter="coalesce(&#34;bakery_nearest_m&#34;, -1000000000000000) &gt; 3750 AND coalesce(&#34;bakery_nearest_m&#34;, -1000000000000000) &lt;= 10000"/>
        <rule key="partons-polygon-4" symbol="9" label="over 10 km" filter="coalesce(&#34;bakery_nearest_m&#34;, -1000000000000000) &gt; 10000 AND coalesce(&#34;bakery_nearest_m&#34;, -1000000000000000) &lt;= 100000000000000"/>
      </rule>
    </rules>
    <symbols>
      <symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <prop k="name" v="circle"/>
          <prop k="color" v="189,189,189,255"/>
          <prop k="outline_color" v="50,50,50,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.2"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="size" v="2.4"/>
          <prop k="size_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="joinstyle" v="bevel"/>
        </layer>
      </symbol>
      <symbol type="marker" name="1" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <prop k="name" v="circle"/>
          <prop k="color" v="253,231,37,255"/>
          <prop k="outline_color" v="50,50,50,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.2"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="size" v="2.4"/>
          <prop k="size_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="joinstyle" v="bevel"/>
        </layer>
      </symbol>
      <symbol type="marker" name="2" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <prop k="name" v="circle"/>
          <prop k="color" v="74,182,112,255"/>
          <prop k="outline_color" v="50,50,50,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.2"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="size" v="2.4"/>
          <prop k="size_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="joinstyle" v="bevel"/>
        </layer>
      </symbol>
      <symbol type="marker" name="3" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <prop k="name" v="circle"/>
          <prop k="color" v="50,103,139,255"/>
          <prop k="outline_color" v="50,50,50,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.2"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="size" v="2.4"/>
          <prop k="size_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="joinstyle" v="bevel"/>
        </layer>
      </symbol>
      <symbol type="marker" name="4" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <prop k="name" v="circle"/>
          <prop k="color" v="68,1,84,255"/>
          <prop k="outline_color" v="50,50,50,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.2"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="size" v="2.4"/>
          <prop k="size_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="joinstyle" v="bevel"/>
        </layer>
      </symbol>
      <symbol type="fill" name="5" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <prop k="color" v="189,189,189,255"/>
          <prop k="style" v="solid"/>
          <prop k="outline_color" v="255,255,255,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.2"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="joinstyle" v="bevel"/>
        </layer>
      </symbol>
      <symbol type="fill" name="6" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <prop k="color" v="253,231,37,255"/>
          <prop k="style" v="solid"/>
          <prop k="outline_color" v="255,255,255,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.2"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="joinstyle" v="bevel"/>
        </layer>
      </symbol>
      <symbol type="fill" name="7" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <prop k="color" v="74,182,112,255"/>
          <prop k="style" v="solid"/>
          <prop k="outline_color" v="255,255,255,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.2"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="joinstyle" v="bevel"/>
        </layer>
      </symbol>
      <symbol type="fill" name="8" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <prop k="color" v="50,103,139,255"/>
          <prop k="style" v="solid"/>
          <prop k="outline_color" v="255,255,255,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.2"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="joinstyle" v="bevel"/>
        </layer>
      </symbol>
      <symbol type="fill" name="9" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <prop k="color" v="68,1,84,255"/>
          <prop k="style" v="solid"/>
          <prop k="outline_color" v="255,255,255,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.2"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="joinstyle" v="bevel"/>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="name" isExpression="0" fontFamily="Sans Serif" fontSize="8" fontSizeUnit="Point" textColor="40,40,40,255" textOpacity="1" namedStyle="Regular" fontWeight="50" fontItalic="0" multilineHeight="1">
        <text-buffer bufferDraw="1" bufferSize="0.7" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.85" bufferJoinStyle="128" bufferNoFill="1"/>
      </text-style>
      <placement placement="0" dist="1" distUnits="MM" priority="5" offsetType="0"/>
      <rendering scaleVisibility="0" obstacle="1" displayAll="0" upsidedownLabels="0" limitNumLabels="0" mergeLines="0"/>
    </settings>
  </labeling>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
</qgis>
