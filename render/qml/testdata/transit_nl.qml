<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.0" styleCategories="Symbology|Labeling" labelsEnabled="1">
  <renderer-v2 type="graduatedSymbol" attr="CASE WHEN &#34;post_transit_status&#34; = &#39;no_service&#39; THEN 100000000000000 ELSE coalesce(&#34;post_transit_min&#34;, -1000000000000000) END" graduatedMethod="GraduatedColor" symbollevels="0" forceraster="0" enableorderby="0">
    <ranges>
      <range lower="-1000000000000000" upper="-1000000000000000" symbol="0" label="geen gegevens" render="true"/>
      <range lower="0" upper="30" symbol="1" label="tot 30 min" render="true"/>
      <range lower="30" upper="60" symbol="2" label="30 min – 60 min" render="true"/>
      <range lower="60" upper="100000000000000" symbol="3" label="meer dan 60 min" render="true"/>
    </ranges>
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
          <prop k="color" v="33,145,140,255"/>
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
    </symbols>
    <mode name="manual"/>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="name" isExpression="0" fontFamily="Sans Serif" fontSize="8" fontSizeUnit="Point" textColor="40,40,40,255" textOpacity="1" namedStyle="Regular" fontWeight="50" fontItalic="0" multilineHeight="1">
        <text-buffer bufferDraw="1" bufferSize="0.7" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.85" bufferJoinStyle="128" bufferNoFill="1"/>
      </text-style>
      <placement placement="6" dist="1" distUnits="MM" priority="5" offsetType="0"/>
      <rendering scaleVisibility="0" obstacle="1" displayAll="0" upsidedownLabels="0" limitNumLabels="0" mergeLines="0"/>
    </settings>
  </labeling>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
</qgis>
